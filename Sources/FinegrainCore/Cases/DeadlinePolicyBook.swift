import Foundation
import Synchronization

/// 时限规则版本库 (the book of deadline policy versions): every version a city has adopted, each
/// in force from its effective date until the next one. A step's limit is taken from the version
/// in force on the day the step starts, so a past month is always recomputed with the rules of
/// that month.
///
/// Thread-safe and shared: the server replaces its versions when an administrator adopts a new
/// one, and every ``Workflow`` holding the book sees it at once.
///
/// ```swift
/// let book = DeadlinePolicyBook([.standard])
/// book.policy(on: LocalDate("2026-11-29")!).version   // "standard-1"
/// ```
public final class DeadlinePolicyBook: Sendable {
    private let versions: Mutex<[DeadlinePolicy]>

    public init(_ policies: [DeadlinePolicy]) {
        versions = Mutex(Self.sorted(policies))
    }

    /// Every version, oldest first.
    public var all: [DeadlinePolicy] { versions.withLock { $0 } }

    /// Replaces every version (e.g. after one was added in the database).
    public func replace(with policies: [DeadlinePolicy]) {
        let sorted = Self.sorted(policies)
        versions.withLock { $0 = sorted }
    }

    /// The version in force on `date`: the latest whose effective date is not after it; the
    /// earliest version for dates before all of them; ``DeadlinePolicy/standard`` if the book is empty.
    public func policy(on date: LocalDate) -> DeadlinePolicy {
        versions.withLock { list in
            list.last { (LocalDate($0.effectiveFrom) ?? date) <= date } ?? list.first ?? .standard
        }
    }

    private static func sorted(_ policies: [DeadlinePolicy]) -> [DeadlinePolicy] {
        policies.sorted { ($0.effectiveFrom, $0.version) < ($1.effectiveFrom, $1.version) }
    }
}

extension DeadlinePolicy {
    /// Problems that make a policy unusable: a malformed effective date, a step without a
    /// catch-all rule, non-positive limits, thresholds out of order.
    public func problems() -> [String] {
        var problems: [String] = []
        if version.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("version is empty") }
        if LocalDate(effectiveFrom) == nil { problems.append("effective_from \"\(effectiveFrom)\" is not a date like 2026-01-01") }
        for step in CaseStep.allCases where !rules.contains(where: { $0.step == step && $0.codePrefix.isEmpty && $0.classKind == nil && $0.urgency == nil }) {
            problems.append("step \(step.rawValue) has no catch-all rule (no class, prefix or urgency)")
        }
        for rule in rules where rule.limit.amount <= 0 { problems.append("a \(rule.step.rawValue) limit is not positive") }
        for rule in rules where !rule.codePrefix.allSatisfy(\.isNumber) { problems.append("code prefix \"\(rule.codePrefix)\" is not digits") }
        if !(0 < yellowAt && yellowAt < redAt && redAt <= 10) { problems.append("thresholds must satisfy 0 < yellow_at < red_at") }
        return problems
    }
}
