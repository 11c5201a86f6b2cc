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
        self.period = period
        self.level = level
        self.cases = caseHashes.map { CaseInput(id: $0.key, lastHash: $0.value) }.sorted { $0.id < $1.id }
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
    /// The canonical bytes of these inputs with `cases` in their place, in pieces of about 64 KiB,
    /// without building them whole: a month at ten million cases lists several hundred thousand
    /// cases, and the whole JSON (and the encoder's tree of it) would be hundreds of MiB. The pieces
    /// join to exactly ``canonicalData()`` of the inputs with those cases, so the hash is the same.
    ///
    /// ```swift
    /// var sha = SHA256()
    /// EvaluationInputs.canonicalPieces(shell, cases: ledger.caseInputs) { sha.update(data: $0) }
    /// ```
    /// - Parameters:
    ///   - shell: the inputs without their cases (`cases` empty).
    ///   - cases: the cases, sorted by id.
    public static func canonicalPieces(_ shell: EvaluationInputs, cases: [CaseInput], _ consume: (Data) -> Void) {
        var empty = shell
        empty.cases = []
        let whole = empty.canonicalData()
        let opening = Data(#"{"cases":[]"#.utf8)
        guard whole.starts(with: opening) else {
            // Not the expected shape (cannot happen with sorted keys): hash the whole, built.
            empty.cases = cases
            consume(empty.canonicalData())
            return
        }
        var piece = Data(#"{"cases":["#.utf8)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func string(_ s: String) {
            if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
                piece.append(0x22)
                piece.append(contentsOf: s.utf8)
                piece.append(0x22)
            } else {
                piece.append((try? encoder.encode(s)) ?? Data())
            }
        }
        for (index, input) in cases.enumerated() {
            piece.append(contentsOf: (index == 0 ? #"{"id":"# : #",{"id":"#).utf8)
            string(input.id)
            piece.append(contentsOf: #","lastHash":"#.utf8)
            string(input.lastHash)
            piece.append(0x7D)
            if piece.count >= 65_536 {
                consume(piece)
                piece.removeAll(keepingCapacity: true)
            }
        }
        piece.append(0x5D)
        piece.append(whole[whole.index(whole.startIndex, offsetBy: opening.count)...])
        consume(piece)
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
