import FinegrainCore
import FinegrainStore
import Foundation

/// Recently computed sheets, kept while nothing they read can have changed: a finished period's
/// case inputs are fixed (events are appended when they happen), so its sheet stands until the
/// store's ``Store/evaluationRevision()`` moves (records, configuration, publications, bulk loads,
/// regions) or an hour passes; a period still running is kept for a minute. The ledgers behind
/// the sheets (every counted case, for drill-down) are kept only for the most recent few, as they
/// are large at a million cases.
///
/// ```swift
/// let cache = EvaluationCache()
/// if let sheet = await cache.sheet(key, revision: revision, finished: true) { … }
/// ```
actor EvaluationCache {
    struct Key: Hashable {
        var period: String
        var level: EvaluationLevel
        var mode: EvaluationReadMode
    }

    private struct Entry {
        var revision: String
        var computed: Date
        var sheet: EvaluationSheet
        var ledger: IndicatorLedger?
    }

    private var entries: [Key: Entry] = [:]
    private var order: [Key] = []
    private var ledgerOrder: [Key] = []
    let capacity: Int
    let ledgerCapacity = 4
    let openLifetime: TimeInterval
    let finishedLifetime: TimeInterval

    init(capacity: Int = 64, openLifetime: TimeInterval = 60, finishedLifetime: TimeInterval = 3_600) {
        self.capacity = capacity
        self.openLifetime = openLifetime
        self.finishedLifetime = finishedLifetime
    }

    func sheet(_ key: Key, revision: String, finished: Bool, now: Date = Date()) -> EvaluationSheet? {
        valid(key, revision: revision, finished: finished, now: now)?.sheet
    }

    /// The sheet with its ledger, while both are kept.
    func run(_ key: Key, revision: String, finished: Bool, now: Date = Date()) -> (sheet: EvaluationSheet, ledger: IndicatorLedger)? {
        guard let entry = valid(key, revision: revision, finished: finished, now: now), let ledger = entry.ledger else { return nil }
        return (entry.sheet, ledger)
    }

    func remember(_ sheet: EvaluationSheet, ledger: IndicatorLedger? = nil, for key: Key, revision: String, now: Date = Date()) {
        if entries[key] == nil {
            order.append(key)
            if order.count > capacity { entries[order.removeFirst()] = nil }
        }
        entries[key] = Entry(revision: revision, computed: now, sheet: sheet, ledger: ledger)
        guard ledger != nil else { return }
        ledgerOrder.removeAll { $0 == key }
        ledgerOrder.append(key)
        if ledgerOrder.count > ledgerCapacity { entries[ledgerOrder.removeFirst()]?.ledger = nil }
    }

    private func valid(_ key: Key, revision: String, finished: Bool, now: Date) -> Entry? {
        guard let entry = entries[key], entry.revision == revision,
            now.timeIntervalSince(entry.computed) < (finished ? finishedLifetime : openLifetime)
        else { return nil }
        return entry
    }
}
