import FinegrainCore

/// What a reporter writes (问题描述): a place, a landmark, the problem and a remark — varied like
/// real reports, so that text search in the demo city and its benchmarks looks for words that
/// occur in some cases and not in others.
///
/// ```swift
/// var random = SeededGenerator(seed: 1)
/// CaseDescriptions.make(className: "占道经营", chain: place.chain, &random)
/// // "车站街道 菜市场东侧 占道经营，影响通行"
/// ```
enum CaseDescriptions {
    static let landmarks = [
        "路口", "小区南门", "小区北门", "公交站旁", "商场北侧", "学校附近", "菜市场东侧", "人行道上", "绿地内", "广场西侧",
        "医院门口", "背街小巷", "桥下", "停车场", "河道边", "加油站对面", "沿街商铺前", "工地围挡外", "地铁口", "老旧小区内",
    ]
    static let remarks = [
        "", "", "", "，请尽快处理", "，影响通行", "，群众反映强烈", "，已持续多日", "，存在安全隐患", "，夜间尤为明显", "，多次反映未解决",
    ]

    static func make(className: String, chain: [RegionSummary], _ random: inout SeededGenerator) -> String {
        let area = chain.first { $0.level == .subdistrict }?.name ?? chain.first { $0.level == .district }?.name ?? ""
        let landmark = landmarks[Int(random.next() % UInt64(landmarks.count))]
        let remark = remarks[Int(random.next() % UInt64(remarks.count))]
        return (area.isEmpty ? "" : area + " ") + landmark + " " + className + remark
    }
}
