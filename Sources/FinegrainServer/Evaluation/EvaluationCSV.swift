public import FinegrainCore
import Foundation

/// 考评结果导出 (a sheet as CSV): one line per object with rank, score, grade, change against the
/// previous period, the four parts, every count and every rate (percent, numerator, denominator).
/// UTF-8 with a byte-order mark so spreadsheet programs show the Chinese names.
public enum EvaluationCSV {
    public static func render(_ sheet: EvaluationSheet, configuration: EvaluationConfiguration = .standard) -> String {
        let kinds = sheet.level.kinds
        let indicators = kinds.flatMap(\.indicators).reduce(into: [Indicator]()) { if !$0.contains($1) { $0.append($1) } }
        let rateIDs = configuration.rates.filter { indicators.contains($0.numerator) && indicators.contains($0.denominator) }.map(\.id)
        var header = ["period", "level", "rank", "code", "name", "kind", "score", "grade", "previous_score", "score_change", "previous_rank", "rank_change"]
        header += ScoreComponent.Key.allCases.map { "\($0.rawValue)_score" }
        header += indicators.map(\.rawValue)
        header += rateIDs.flatMap { ["\($0)_percent", "\($0)_numerator", "\($0)_denominator"] }
        var lines = [header.joined(separator: ",")]
        for row in sheet.rows {
            var fields = [
                sheet.period, sheet.level.rawValue, row.rank.map(String.init) ?? "", row.subject.id, row.name, row.subject.kind.rawValue,
                format(row.score), row.grade?.rawValue ?? "", format(row.previousScore), format(row.scoreChange),
                row.previousRank.map(String.init) ?? "", row.rankChange.map(String.init) ?? "",
            ]
            fields += ScoreComponent.Key.allCases.map { format(row.component($0)?.score) }
            fields += indicators.map { row.counts[$0].map(String.init) ?? "" }
            for id in rateIDs {
                let rate = row.rates[id]
                fields += [format(rate?.percent), rate.map { String($0.numerator) } ?? "", rate.map { String($0.denominator) } ?? ""]
            }
            lines.append(fields.map(escape).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    static func format(_ value: Double?) -> String {
        guard let value else { return "" }
        return String(format: "%.2f", value)
    }

    /// RFC 4180 quoting; a leading `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet never
    /// runs a name as a formula.
    static func escape(_ field: String) -> String {
        var text = field
        if let first = text.first, "=+@".contains(first) || (first == "-" && Double(text) == nil) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
