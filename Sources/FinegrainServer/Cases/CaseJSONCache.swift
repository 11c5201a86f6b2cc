import FinegrainCore

/// A case's JSON members written ahead: everything of a ``CaseDTO`` but the caller's `actions`
/// and the clock's `light`, valid for one version of the case, one class name and one answer
/// to "may the caller see the reporter".
struct CaseJSONSegments: Sendable {
    var version: Int
    var className: String?
    /// The members from `address` to `id`.
    var head: [UInt8]
    /// The members from `location` to `version`.
    var tail: [UInt8]
}

/// Keeps the JSON of recently listed cases, so that a page of cases that have not changed
/// writes each case's members once, not on every request.
///
/// Why: writing twenty cases as JSON was 13–15 % of a list page's CPU at a million cases, and
/// the pages people refresh — a queue, the newest reports — show the same cases again and
/// again. A case's JSON changes only with its version (which every step raises), its class's
/// name in the catalogue, and whether the caller may see the reporter (part of the key); the
/// steps the caller may take and the deadline light are written fresh each time.
///
/// ```swift
/// var dto = CaseDTO(c, className: name, showReporter: shows, light: light)
/// cache.attach(to: &dto, showsReporter: shows)   // from now on dto writes the kept members
/// ```
final class CaseJSONCache: Sendable {
    private struct Key: Hashable, Sendable {
        var id: String
        var showsReporter: Bool
    }

    private let segments: RecentCache<Key, CaseJSONSegments>

    /// `capacity`: the most cases held (about 1.5 KiB each).
    init(capacity: Int = 4_096) {
        segments = RecentCache(capacity: capacity)
    }

    /// Gives `dto` its case's kept members, writing and keeping them first if they are not held
    /// for this version and class name.
    func attach(to dto: inout CaseDTO, showsReporter: Bool) {
        let key = Key(id: dto.id, showsReporter: showsReporter)
        let (version, className) = (dto.version, dto.className)
        if let held = segments.value(for: key, where: { $0.version == version && $0.className == className }) {
            dto.segments = held
            return
        }
        let written = dto.jsonSegments
        segments.insert(written, for: key)
        dto.segments = written
    }

    /// How many cases' members are held (for tests).
    var count: Int { segments.count }
}
