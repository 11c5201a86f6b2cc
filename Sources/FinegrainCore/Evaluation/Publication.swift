public import Foundation

/// 考评输入 (everything a sheet was computed from), in a canonical order, so that its hash proves a
/// later recomputation used the same inputs: each case read with the hash of its last event as of
/// the period's end, the four-in-one records and the configuration.
public struct EvaluationInputs: Sendable, Hashable, Codable {
    public var period: String
    public var level: EvaluationLevel
    public var cases: [CaseInput]
    public var fourInOne: Evaluator.FourInOneInputs
    public var configuration: EvaluationConfiguration

    public struct CaseInput: Sendable, Hashable, Codable {
        public var id: String
        public var lastHash: String
    }

    public init(period: String, level: EvaluationLevel, caseHashes: [String: String], fourInOne: Evaluator.FourInOneInputs, configuration: EvaluationConfiguration) {
        self.init(
            period: period, level: level, cases: caseHashes.map { CaseInput(id: $0.key, lastHash: $0.value) }, fourInOne: fourInOne,
            configuration: configuration)
    }

    /// The inputs with their cases as a list, put in order by id here (a list already in order
    /// costs one pass).
    public init(period: String, level: EvaluationLevel, cases: [CaseInput], fourInOne: Evaluator.FourInOneInputs, configuration: EvaluationConfiguration) {
        self.period = period
        self.level = level
        self.cases = cases.sorted { $0.id < $1.id }
        self.fourInOne = Evaluator.FourInOneInputs(
            reviews: fourInOne.reviews.sorted { $0.id < $1.id },
            keyTasks: fourInOne.keyTasks.sorted { ($0.taskID, $0.regionCode) < ($1.taskID, $1.regionCode) },
            thirdParty: fourInOne.thirdParty.sorted { ($0.month, $0.regionCode) < ($1.month, $1.regionCode) })
        self.configuration = configuration
    }

    enum CodingKeys: String, CodingKey {
        case period, level, cases, configuration
        case fourInOne = "four_in_one"
    }

    /// Canonical JSON (sorted keys, ISO dates): the bytes that are hashed.
    public func canonicalData() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)) ?? Data()
    }
}

extension EvaluationInputs {
    /// ``canonicalData()`` in pieces of about 64 KiB, without building it whole: a month at ten
    /// million cases lists several hundred thousand cases, and the whole JSON (with `JSONEncoder`'s
    /// tree of it) would be hundreds of MiB. The cases are written by ``JSONWriter``, byte for byte
    /// what the encoder writes, so the pieces join to exactly the canonical bytes.
    ///
    /// ```swift
    /// var sha = SHA256()
    /// inputs.canonicalPieces { sha.update(data: $0) }
    /// ```
    public func canonicalPieces(_ consume: (Data) -> Void) {
        var rest = self
        rest.cases = []
        let tail = rest.canonicalData()  // {"cases":[],"configuration":…}
        let noCases = Data(#"{"cases":[]"#.utf8)
        guard tail.starts(with: noCases) else { return consume(canonicalData()) }  // not with sorted keys
        var writer = JSONWriter(capacity: 66_000)
        writer.raw(#"{"cases":["#)
        for (index, input) in cases.enumerated() {
            if index > 0 { writer.raw(",") }
            writer.object { o in
                o.member("id", input.id)
                o.member("lastHash", input.lastHash)
            }
            if writer.bytes.count >= 65_536 {
                consume(Data(writer.bytes))
                writer = JSONWriter(capacity: 66_000)
            }
        }
        writer.raw("]")
        consume(Data(writer.bytes))
        consume(tail.dropFirst(noCases.count))
    }
}

/// 差异 (one difference between a published sheet and a recomputation).
public struct SheetDifference: Sendable, Hashable, Codable, CustomStringConvertible {
    public var subject: String
    public var field: String
    public var published: String
    public var recomputed: String

    public var description: String { "\(subject) \(field): published \(published), now \(recomputed)" }

    /// Every row, count, rate, score, grade and rank that differs, plus the inputs hash and version.
    public static func between(_ published: EvaluationSheet, _ now: EvaluationSheet) -> [SheetDifference] {
        var result: [SheetDifference] = []
        func note(_ subject: String, _ field: String, _ a: String, _ b: String) {
            if a != b { result.append(SheetDifference(subject: subject, field: field, published: a, recomputed: b)) }
        }
        note("sheet", "inputs_hash", published.inputsHash, now.inputsHash)
        note("sheet", "configuration_version", published.configurationVersion, now.configurationVersion)
        let ids = Set(published.rows.map(\.subject.id)).union(now.rows.map(\.subject.id)).sorted()
        for id in ids {
            guard let a = published.row(id), let b = now.row(id) else {
                note(id, "row", published.row(id) == nil ? "absent" : "present", now.row(id) == nil ? "absent" : "present")
                continue
            }
            for indicator in Indicator.allCases where a.counts[indicator] != b.counts[indicator] {
                note(id, indicator.rawValue, a.counts[indicator].map(String.init) ?? "-", b.counts[indicator].map(String.init) ?? "-")
            }
            note(id, "score", a.score.map { String($0) } ?? "-", b.score.map { String($0) } ?? "-")
            note(id, "grade", a.grade?.rawValue ?? "-", b.grade?.rawValue ?? "-")
            note(id, "rank", a.rank.map(String.init) ?? "-", b.rank.map(String.init) ?? "-")
            for key in ScoreComponent.Key.allCases {
                note(id, "component.\(key.rawValue)", a.component(key)?.score.map { String($0) } ?? "-", b.component(key)?.score.map { String($0) } ?? "-")
            }
        }
        return result
    }
}
