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
/// read that is empty or tiny). Entries are dropped least recently used first.
///
/// A set of up to ``largestSet`` matches also keeps their report times in order (a search by text
/// alone pages through it); a larger one keeps only the rowids — as a bitmap, 1.25 MB at ten million
/// cases whatever the word — and its pages walk the time index checking membership: at ten million
/// `井盖` matches 681,000 cases, whose report times took longer to read than they saved.
///
/// ```swift
/// let entry = try await cache.matches(for: "\"井盖\"") { after, timedLimit in
///     try await readMatches(above: after, timedLimit)   // (highest rowid now, matches above `after`)
/// }
/// entry.rowids.contains(rowid)             // membership while walking a list
/// entry.byReportTime?.suffix(20)           // the newest twenty, when kept in order
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
        var rowids: RowidSet
        /// The same matches, oldest report first: a search by text alone, newest or oldest first,
        /// is a slice of it. `nil` for a set larger than ``TextMatchCache/largestSet``.
        var byReportTime: [Match]?

        /// About how many bytes the entry holds.
        var bytes: Int { rowids.bytes + (byReportTime?.count ?? 0) * MemoryLayout<Match>.stride }
    }

    /// What a read found above a rowid: the matches with their report times, or their rowids only.
    enum Found: Sendable {
        case timed([Match])
        case untimed([Int])
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var lastUse: [String: Int] = [:]
        var tick = 0
        var bytes = 0
        /// Queries read for the first time, which later callers wait for.
        var firstReads: [String: Task<Entry, any Error>] = [:]
    }

    private let state = Mutex(State())
    /// The most bytes kept over all entries.
    let capacity: Int
    /// The largest set kept with its report times.
    let largestSet: Int

    init(capacity: Int = 64 << 20, largestSet: Int = 200_000) {
        self.capacity = capacity
        self.largestSet = largestSet
    }

    /// Reads the matches above a rowid: the highest rowid in the index, and the matches above
    /// `after` up to it — with their report times when there are no more than `timedLimit` of
    /// them (a limit of 0 asks for rowids only).
    typealias Read = @Sendable (_ after: Int, _ timedLimit: Int) async throws -> (high: Int, found: Found)

    /// The cases `textQuery` matches now; `read` runs for the rows this cache has not seen. A
    /// first read is done once for all who ask meanwhile.
    func matches(for textQuery: String, read: @escaping Read) async throws -> Entry {
        enum Start {
            case known(Entry)
            case wait(Task<Entry, any Error>)
        }
        let start = state.withLock { state -> Start in
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
        }
    }

    /// `known` (or nothing) with the matches added since it was read.
    private func extend(_ textQuery: String, _ known: Entry?, _ read: Read) async throws -> Entry {
        var entry = known ?? Entry(high: 0, rowids: [], byReportTime: [])
        let timedLimit = entry.byReportTime == nil ? 0 : max(0, largestSet - entry.rowids.count)
        let (high, found) = try await read(entry.high, timedLimit)
        guard high > entry.high || known == nil else { return entry }
        switch found {
        case .timed(let added):
            let fresh = added.filter { entry.rowids.insert($0.rowid) }.sorted()
            if var order = entry.byReportTime, entry.rowids.count <= largestSet {
                // New cases are mostly the newest: append, and sort only when one is older than the last.
                let inOrder = order.last.map { last in fresh.first.map { last < $0 } ?? true } ?? true
                entry.byReportTime = nil
                order += fresh
                if !inOrder { order.sort() }
                entry.byReportTime = order
            } else {
                entry.byReportTime = nil
            }
        case .untimed(let added):
            for rowid in added { entry.rowids.insert(rowid) }
            entry.byReportTime = nil
        }
        entry.high = max(high, entry.high)
        store(textQuery, entry)
        return entry
    }

    private func store(_ key: String, _ entry: Entry) {
        state.withLock { state in
            // Another caller may have stored a newer set meanwhile: keep the one that saw more.
            if let current = state.entries[key], current.high >= entry.high { return }
            state.bytes += entry.bytes - (state.entries[key]?.bytes ?? 0)
            state.entries[key] = entry
            state.tick += 1
            state.lastUse[key] = state.tick
            while state.bytes > capacity, state.entries.count > 1,
                let oldest = state.lastUse.filter({ $0.key != key }).min(by: { $0.value < $1.value })?.key
            {
                state.bytes -= state.entries.removeValue(forKey: oldest)?.bytes ?? 0
                state.lastUse[oldest] = nil
            }
        }
    }

    /// How many sets are kept (for tests).
    var count: Int { state.withLock { $0.entries.count } }
}
