public import FinegrainCore

/// What to list of the region tree: filters, text search, sort and page.
///
/// ```swift
/// RegionQuery(level: .subdistrict, parentCode: "370303", text: "街道", sort: .name, page: 2, perPage: 20)
/// ```
public struct RegionQuery: Sendable, Hashable {
    /// How to order a listing.
    public enum Sort: String, Sendable, CaseIterable {
        case code, name, area
    }

    public var level: RegionLevel?
    /// Only the direct children of this region.
    public var parentCode: String?
    /// Matches a part of the code or the Chinese or English name.
    public var text: String?
    /// Only real (`false`) or only generated (`true`) regions.
    public var synthetic: Bool?
    public var sort: Sort
    public var descending: Bool
    /// One-based.
    public var page: Int
    public var perPage: Int

    /// The largest page a caller may ask for.
    public static let maxPerPage = 500

    public init(
        level: RegionLevel? = nil, parentCode: String? = nil, text: String? = nil, synthetic: Bool? = nil,
        sort: Sort = .code, descending: Bool = false, page: Int = 1, perPage: Int = 50
    ) {
        self.level = level
        self.parentCode = parentCode
        self.text = text
        self.synthetic = synthetic
        self.sort = sort
        self.descending = descending
        self.page = max(1, page)
        self.perPage = min(max(1, perPage), Self.maxPerPage)
    }
}
