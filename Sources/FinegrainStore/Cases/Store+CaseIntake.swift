public import FinegrainCore
import SQLKit

/// 立案编号与受理 (numbering and filing): one new case waiting for its number and its commit.
///
/// The report becomes its first event only once the number is known, inside the batch that
/// allocates it, so numbers have neither gaps nor duplicates: a report the workflow refuses takes
/// no number.
///
/// ```swift
/// let created = try await store.fileCase(CaseIntake(prefix: "ZB", localDate: "2026-11-30") { number in
///     var report = template
///     report.number = number                    // ZB20261130000042
///     return try workflow.report(report, by: actor, at: now)
/// })
/// ```
public struct CaseIntake: Sendable {
    /// The city's prefix, e.g. `ZB`.
    public var prefix: String
    /// The local working day the number counts in, `YYYY-MM-DD`.
    public var localDate: String
    /// Builds the first event once the number is known; a throw refuses this case alone.
    public var makeEvent: @Sendable (_ number: String) throws -> CaseEvent

    public init(prefix: String, localDate: String, makeEvent: @escaping @Sendable (_ number: String) throws -> CaseEvent) {
        self.prefix = prefix
        self.localDate = localDate
        self.makeEvent = makeEvent
    }

    /// The case number for the day's `sequence`th case: prefix, date, six digits.
    func number(_ sequence: Int) -> String {
        var number = prefix
        number.unicodeScalars.append(contentsOf: localDate.unicodeScalars.lazy.filter { $0 != "-" })
        let digits = String(sequence)
        number.append(String(repeating: "0", count: max(0, 6 - digits.count)))
        number.append(digits)
        return number
    }
}

extension Store {
    /// Files a new case: numbers it (prefix + local date + 6-digit daily sequence, e.g.
    /// `ZB20261130000042`), hashes its first event and projects it, and returns once it is
    /// committed — together with whatever other cases arrived meanwhile (see ``CommitGroup``).
    public func fileCase(_ intake: CaseIntake) async throws -> Case {
        let created = try await caseIntake.submit(intake)
        caseCounts.invalidate()
        return created
    }
}
