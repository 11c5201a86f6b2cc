import FinegrainCore
import FinegrainStore
import Foundation

/// Recently computed sheets, kept while nothing they read can have changed: a finished period's
/// case inputs are fixed (events are appended when they happen), so its sheet stands until the
/// store's ``Store/evaluationRevision()`` moves (records, configuration, publications, bulk loads,
/// regions) or an hour passes; a period still running is kept for a minute.
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
    }

    private var entries: [Key: Entry] = [:]
    private var order: [Key] = []
    let capacity: Int
    let openLifetime: TimeInterval
    let finishedLifetime: TimeInterval

    init(capacity: Int = 64, openLifetime: TimeInterval = 60, finishedLifetime: TimeInterval = 3_600) {
        self.capacity = capacity
        self.openLifetime = openLifetime
        self.finishedLifetime = finishedLifetime
    }

    func sheet(_ key: Key, revision: String, finished: Bool, now: Date = Date()) -> EvaluationSheet? {
        guard let entry = entries[key], entry.revision == revision,
            now.timeIntervalSince(entry.computed) < (finished ? finishedLifetime : openLifetime)
        else { return nil }
        return entry.sheet
    }

    func remember(_ sheet: EvaluationSheet, for key: Key, revision: String, now: Date = Date()) {
        if entries[key] == nil {
            order.append(key)
            if order.count > capacity { entries[order.removeFirst()] = nil }
        }
        entries[key] = Entry(revision: revision, computed: now, sheet: sheet)
    }
}
