import Synchronization

/// Remembers which cases a text search matches (their `search_rowid`s), so that a common word is
/// looked up in the full-text index once, not on every page and by every dispatcher.
///
/// Why: at a million cases `井盖` matches 68,000 cases; reading that set from the index on every
/// request took about 40 ms and held a list of it to 140 pages a second. A set kept here needs no
/// invalidation: a case's terms (description and number) are fixed when it is filed, and
/// `search_rowid`s only grow — every row up to the highest one seen was committed before it (the
/// rowids are reserved in the writing transaction, and writers take them in commit order). So an
/// entry records that highest rowid, and each use adds only the matches above it (an index range
/// read that is empty or tiny). Entries are dropped least recently used first, and a set larger
/// than ``largestSet`` is not kept (the caller then lets the database match as before).
///
/// ```swift
/// let entry = try await cache.matches(for: "\"井盖\"") { after in
///     try await readMatches(above: after)   // (highest rowid now, matches above `after`)
/// }
/// entry?.rowids.contains(rowid)             // membership while walking a list
/// entry?.byReportTime.suffix(20)            // the newest twenty
/// ```
final class TextMatchCache: Sendable {
    /// One matching case: its report time (milliseconds since 1970, fixed at filing) and its
    /// `search_rowid`, ordered by time.
    struct Match: Sendable, Comparable {
        var reportedAt: Int64
        var rowid: Int

        static func < (a: Match, b: Match) -> Bool { (a.reportedAt, a.rowid) < (b.reportedAt, b.rowid) }
    }

    /// The matches of one text query among rows up to ``high``.
    struct Entry: Sendable {
        var high: Int
        var rowids: Set<Int>
        /// The same matches, oldest report first: a search by text alone, newest or oldest first,
        /// is a slice of it.
        var byReportTime: [Match]
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var lastUse: [String: Int] = [:]
        var tick = 0
        var size = 0
        /// Queries read for the first time, which later callers wait for.
        var firstReads: [String: Task<Entry?, any Error>] = [:]
        /// Queries whose matches are too many to keep (sets only grow: for good).
        var tooLarge: Set<String> = []
    }

    private let state = Mutex(State())
    /// The most matches kept over all entries.
    let capacity: Int
    /// The largest single set kept.
    let largestSet: Int

    init(capacity: Int = 2_000_000, largestSet: Int = 200_000) {
        self.capacity = capacity
        self.largestSet = largestSet
    }

    /// Reads the matches above a rowid: the highest rowid in the index, and the matches above
    /// `after` up to it — or `nil` matches when there are more than `limit` (only asked on a first read).
    typealias Read = @Sendable (_ after: Int, _ limit: Int) async throws -> (high: Int, matches: [Match]?)

    /// The cases `textQuery` matches now; `read` runs for the rows this cache has not seen. A
    /// first read is done once for all who ask meanwhile. `nil` when the set is larger than
    /// ``largestSet`` (the caller lets the database match).
    func matches(for textQuery: String, read: @escaping Read) async throws -> Entry? {
        enum Start {
            case known(Entry)
            case wait(Task<Entry?, any Error>)
            case tooLarge
        }
        let start = state.withLock { state -> Start in
            if state.tooLarge.contains(textQuery) { return .tooLarge }
            if let entry = state.entries[textQuery] {
                state.tick += 1
                state.lastUse[textQuery] = state.tick
                return .known(entry)
            }
            if let task = state.firstReads[textQuery] { return .wait(task) }
            let task = Task {
                defer { self.state.withLock { _ = $0.firstReads.removeValue(forKey: textQuery) } }
                return try await self.extend(textQuery, nil, read)
            }
            state.firstReads[textQuery] = task
            return .wait(task)
        }
        switch start {
        case .known(let entry): return try await extend(textQuery, entry, read)
        case .wait(let task): return try await task.value
        case .tooLarge: return nil
        }
    }

    /// `known` (or nothing) with the matches added since it was read.
    private func extend(_ textQuery: String, _ known: Entry?, _ read: Read) async throws -> Entry? {
        var entry = known ?? Entry(high: 0, rowids: [], byReportTime: [])
        let (high, read) = try await read(entry.high, largestSet - entry.rowids.count)
        guard let added = read, entry.rowids.count + added.count <= largestSet else {
            state.withLock { state in
                state.tooLarge.insert(textQuery)
                state.size -= state.entries.removeValue(forKey: textQuery)?.rowids.count ?? 0
                state.lastUse[textQuery] = nil
            }
            return nil
        }
        guard high > entry.high || known == nil else { return entry }
        let fresh = added.filter { !entry.rowids.contains($0.rowid) }.sorted()
        entry.rowids.formUnion(fresh.map(\.rowid))
        // New cases are mostly the newest: append, and sort only when one is older than the last.
        let inOrder = (entry.byReportTime.last.map { last in fresh.first.map { last < $0 } ?? true }) ?? true
        entry.byReportTime += fresh
        if !inOrder { entry.byReportTime.sort() }
        entry.high = max(high, entry.high)
        store(textQuery, entry)
        return entry
    }

    private func store(_ key: String, _ entry: Entry) {
        state.withLock { state in
            let previous = state.entries[key]?.rowids.count ?? 0
            // Another caller may have stored a newer set meanwhile: keep the one that saw more.
            if let current = state.entries[key], current.high >= entry.high { return }
            state.entries[key] = entry
            state.size += entry.rowids.count - previous
            state.tick += 1
            state.lastUse[key] = state.tick
            while state.size > capacity, state.entries.count > 1,
                let oldest = state.lastUse.filter({ $0.key != key }).min(by: { $0.value < $1.value })?.key
            {
                state.size -= state.entries.removeValue(forKey: oldest)?.rowids.count ?? 0
                state.lastUse[oldest] = nil
            }
        }
    }

    /// How many sets are kept (for tests).
    var count: Int { state.withLock { $0.entries.count } }
}
