public import FinegrainCore
import Crypto
import Foundation
import SQLKit

/// The result of running an evaluation: the sheet, the ledger behind it (for drill-down), and
/// what the run read.
public struct EvaluationRun: Sendable {
    public var sheet: EvaluationSheet
    public var ledger: IndicatorLedger
    public var casesRead: Int
    /// The configuration the sheet was computed under.
    public var configuration: EvaluationConfiguration
}

extension Store {
    /// Evaluates a period at a level from the event log and the four-in-one records, under the
    /// configuration in force for the period's first month, with the inputs hashed and the previous
    /// period's published (or else computed) scores alongside.
    ///
    /// ```swift
    /// let run = try await store.evaluate(period: october, level: .district, calendar: calendar)
    /// run.sheet.rows.first?.name   // the best-ranked district or zone
    /// ```
    public func evaluate(
        period: EvaluationPeriod, level: EvaluationLevel, calendar: WorkingCalendar, mode: EvaluationReadMode = .indexed, withPrevious: Bool = true
    ) async throws -> EvaluationRun {
        let month = period.firstDay.monthLabel
        let configuration = try await evaluationConfigurations().inForce(month: month)
        let (directory, people) = try await evaluationDirectory()
        let context = EvaluationContext(
            period: period, calendar: calendar, cityCode: directory.cityCode, zoneOfSubdistrict: directory.zoneOfSubdistrict,
            inspectorsByRegion: directory.inspectorsByRegion, limits: configuration.limits)
        var ledger = IndicatorLedger(period: period.label)
        let read = try await forEachEvaluationHistory(start: period.start, end: period.end, mode: mode) { histories in
            for history in histories { ledger.record(history, context: context) }
        }
        let inputs = level.isFourInOne && period.kind == .month ? try await fourInOneInputs(month: period.label) : Evaluator.FourInOneInputs()
        var sheet = Evaluator(configuration: configuration).evaluate(
            ledger: ledger, period: period, level: level, objects: directory.objects(level, people: people), inputs: inputs)
        for i in sheet.rows.indices where sheet.rows[i].name == sheet.rows[i].subject.id { sheet.rows[i].name = directory.name(sheet.rows[i].subject) }
        var sha = SHA256()
        EvaluationInputs(period: period.label, level: level, cases: ledger.caseInputs, fourInOne: inputs, configuration: configuration)
            .canonicalPieces { sha.update(data: $0) }
        sheet.inputsHash = sha.finalize().withUnsafeBytes { Hex.encode($0) }
        ledger.forgetHashes()
        if withPrevious, let previous = period.previous(calendar: calendar) {
            sheet = Evaluator.compare(sheet, with: try await publishedOrComputedSheet(period: previous, level: level, calendar: calendar, mode: mode))
        }
        return EvaluationRun(sheet: sheet, ledger: ledger, casesRead: read, configuration: configuration)
    }

    /// A period's published sheet, or else its sheet computed now (without the previous period's).
    public func publishedOrComputedSheet(
        period: EvaluationPeriod, level: EvaluationLevel, calendar: WorkingCalendar, mode: EvaluationReadMode = .indexed
    ) async throws -> EvaluationSheet {
        if let published = try await publishedEvaluation(period: period.label, level: level)?.sheet { return published }
        return try await evaluate(period: period, level: level, calendar: calendar, mode: mode, withPrevious: false).sheet
    }

    /// The monthly sheets of a quarter or year, totalled and ranked (with the quarterly reward and
    /// penalty rules for a quarter). `sheet` gives each begun month's sheet — by default the
    /// published one, or else computed; a server passes its cache.
    public func periodTotals(
        period: EvaluationPeriod, level: EvaluationLevel, calendar: WorkingCalendar,
        sheet: ((EvaluationPeriod) async throws -> EvaluationSheet)? = nil
    ) async throws -> (months: [EvaluationSheet], totals: [PeriodTotal]) {
        var sheets: [EvaluationSheet] = []
        for month in period.months(calendar: calendar) where month.start < Date() {
            if let sheet {
                sheets.append(try await sheet(month))
            } else {
                sheets.append(try await publishedOrComputedSheet(period: month, level: level, calendar: calendar))
            }
        }
        let configuration = try await evaluationConfigurations().inForce(month: period.months(calendar: calendar).last?.label ?? period.label)
        let totals = PeriodTotal.over(sheets, grades: configuration.grades, rules: period.kind == .quarter ? configuration.fourInOne.quarterlyRules : nil)
        return (sheets, totals)
    }

    /// Recomputes a published sheet and lists every difference (none when nothing it read changed).
    public func verifyPublication(period: EvaluationPeriod, level: EvaluationLevel, calendar: WorkingCalendar) async throws -> [SheetDifference]? {
        guard let published = try await publishedEvaluation(period: period.label, level: level)?.sheet else { return nil }
        let now = try await evaluate(period: period, level: level, calendar: calendar, withPrevious: false).sheet
        return SheetDifference.between(published, now)
    }
}
