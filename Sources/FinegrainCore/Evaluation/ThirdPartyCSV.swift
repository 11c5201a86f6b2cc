import Foundation

/// 第三方测评导入 (the assessor's CSV): `month,region_code,survey,field_test,assessor`, a header
/// line first (extra columns such as `region_name` are ignored), UTF-8 with or without a BOM.
///
/// Every problem names the file, the line and the field, in English and Chinese; nothing is
/// imported unless every line is valid.
///
/// ```swift
/// let (scores, problems) = ThirdPartyCSV.parse(text, source: "2026-10-测评.csv")
/// problems.first?.description   // "2026-10-测评.csv:3: survey: 105 is not a score within 0–100"
/// ```
public enum ThirdPartyCSV {
    public static let requiredColumns = ["month", "region_code", "survey", "field_test", "assessor"]

    public static func parse(_ text: String, source: String) -> (scores: [ThirdPartyScore], problems: [CatalogueProblem]) {
        func problem(_ line: Int, _ field: String?, _ message: String, _ messageZH: String) -> CatalogueProblem {
            CatalogueProblem(file: source, line: line, field: field, message: message, messageZH: messageZH)
        }
        let (records, syntax) = CatalogueCSVReader.read(text)
        var problems = syntax.map { problem($0.line, nil, $0.message, $0.messageZH) }
        guard let headerRecord = records.first else { return ([], [problem(1, nil, "the file is empty", "文件为空")]) }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = requiredColumns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            return ([], [problem(headerRecord.line, nil, "missing columns \(missing.joined(separator: ", "))", "缺少列 \(missing.joined(separator: "、"))")])
        }
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        var scores: [ThirdPartyScore] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let number = record.line
            let values = record.fields
            guard values.count >= header.count else {
                problems.append(problem(number, nil, "\(values.count) fields, the header has \(header.count)", "字段数 \(values.count) 与表头的 \(header.count) 不符"))
                continue
            }
            func value(_ name: String) -> String { values[column(name)].trimmingCharacters(in: .whitespaces) }
            var ok = true
            let month = value("month")
            if month.wholeMatch(of: /\d{4}-(0[1-9]|1[0-2])/) == nil {
                problems.append(problem(number, "month", "\(month) is not a month like 2026-10", "「\(month)」不是 2026-10 这样的月份"))
                ok = false
            }
            let region = value("region_code")
            if region.wholeMatch(of: /\d{6}|\d{9}/) == nil {
                problems.append(problem(number, "region_code", "\(region) is not a 6- or 9-digit code", "「\(region)」不是 6 位或 9 位区域代码"))
                ok = false
            }
            func score(_ name: String) -> Double? {
                guard let x = Double(value(name)), (0...100).contains(x) else {
                    problems.append(problem(number, name, "\(value(name)) is not a score within 0–100", "「\(value(name))」不是 0–100 之间的得分"))
                    ok = false
                    return nil
                }
                return x
            }
            let survey = score("survey")
            let field = score("field_test")
            let assessor = value("assessor")
            if assessor.isEmpty {
                problems.append(problem(number, "assessor", "is empty", "测评机构为空"))
                ok = false
            }
            if let earlier = seen["\(month)/\(region)"] {
                problems.append(problem(
                    number, "region_code", "\(region) already has a score for \(month) on line \(earlier)", "\(region) 在 \(month) 已有第 \(earlier) 行的得分"))
                ok = false
            }
            seen["\(month)/\(region)"] = number
            if ok, let survey, let field {
                scores.append(ThirdPartyScore(month: month, regionCode: region, survey: survey, fieldTest: field, assessor: assessor, source: "\(source):\(number)"))
            }
        }
        if scores.isEmpty && problems.isEmpty { problems.append(problem(2, nil, "no data lines", "没有数据行")) }
        return (problems.isEmpty ? scores : [], problems)
    }
}
