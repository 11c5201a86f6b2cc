import Foundation

/// 第三方测评导入 (the assessor's CSV): `month,region_code,survey,field_test,assessor`, a header
/// line first (extra columns such as `region_name` are ignored), UTF-8 with or without a BOM.
///
/// Every problem names the line and the field; nothing is imported unless every line is valid.
///
/// ```swift
/// let (scores, problems) = ThirdPartyCSV.parse(text, source: "2026-10-测评.csv")
/// // problems: ["line 3: survey: 105 is not a score within 0–100（得分须在 0–100 之间）"]
/// ```
public enum ThirdPartyCSV {
    public static let requiredColumns = ["month", "region_code", "survey", "field_test", "assessor"]

    public static func parse(_ text: String, source: String) -> (scores: [ThirdPartyScore], problems: [String]) {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let (records, syntax) = CatalogueCSVReader.read(body)
        var problems = syntax.map { "line \($0.line): \($0.message)（\($0.messageZH)）" }
        guard let headerRecord = records.first else { return ([], ["line 1: the file is empty（文件为空）"]) }
        let header = headerRecord.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = requiredColumns.filter { !header.contains($0) }
        guard missing.isEmpty else { return ([], ["line \(headerRecord.line): missing columns \(missing.joined(separator: ", "))（缺少列）"]) }
        func column(_ name: String) -> Int { header.firstIndex(of: name)! }
        var scores: [ThirdPartyScore] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let number = record.line
            let values = record.fields
            guard values.count >= header.count else {
                problems.append("line \(number): \(values.count) fields, the header has \(header.count)（字段数与表头不符）")
                continue
            }
            func value(_ name: String) -> String { values[column(name)].trimmingCharacters(in: .whitespaces) }
            var ok = true
            let month = value("month")
            if month.wholeMatch(of: /\d{4}-(0[1-9]|1[0-2])/) == nil {
                problems.append("line \(number): month: \(month) is not a month like 2026-10（月份格式应为 2026-10）")
                ok = false
            }
            let region = value("region_code")
            if region.wholeMatch(of: /\d{6}|\d{9}/) == nil {
                problems.append("line \(number): region_code: \(region) is not a 6- or 9-digit code（区域代码应为 6 或 9 位）")
                ok = false
            }
            func score(_ name: String) -> Double? {
                guard let x = Double(value(name)), (0...100).contains(x) else {
                    problems.append("line \(number): \(name): \(value(name)) is not a score within 0–100（得分须在 0–100 之间）")
                    ok = false
                    return nil
                }
                return x
            }
            let survey = score("survey")
            let field = score("field_test")
            let assessor = value("assessor")
            if assessor.isEmpty {
                problems.append("line \(number): assessor: is empty（测评机构为空）")
                ok = false
            }
            if let earlier = seen["\(month)/\(region)"] {
                problems.append("line \(number): region_code: \(region) already has a score for \(month) on line \(earlier)（同一月份区域重复）")
                ok = false
            }
            seen["\(month)/\(region)"] = number
            if ok, let survey, let field {
                scores.append(ThirdPartyScore(month: month, regionCode: region, survey: survey, fieldTest: field, assessor: assessor, source: "\(source):\(number)"))
            }
        }
        if scores.isEmpty && problems.isEmpty { problems.append("line 2: no data lines（没有数据行）") }
        return (problems.isEmpty ? scores : [], problems)
    }
}
