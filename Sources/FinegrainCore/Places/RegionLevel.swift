/// 管理层级 (management level): where a region sits in the management tree
/// city ▸ district/county or functional zone ▸ subdistrict/town ▸ community ▸ unit grid.
///
/// The tree is structural and the same in every Chinese city, so it is a closed enum; what a city
/// localises (names, codes, which towns a zone manages) is data on ``Region``.
///
/// ```swift
/// RegionLevel.grid.depth        // 4
/// RegionLevel.zone.nameZH       // "功能区"
/// ```
public enum RegionLevel: String, Sendable, Codable, CaseIterable, Comparable {
    /// 市 (prefecture-level city), e.g. 370300 淄博市.
    case city
    /// 区/县 (district or county), a GB/T 2260 county-level division, e.g. 370303 张店区.
    case district
    /// 功能区 (functional zone), e.g. 高新区: a district-level management area that takes over
    /// subdistricts from counties without changing their official codes.
    case zone
    /// 街道/乡镇 (subdistrict or town), nine-digit 统计用区划代码, e.g. 370303001 车站街道.
    case subdistrict
    /// 社区/村 (community or village), three digits under its subdistrict.
    case community
    /// 单元网格 (unit grid), about 10,000 m², the smallest unit of responsibility.
    case grid

    /// Depth in the management tree: city 0, district and zone 1, subdistrict 2, community 3, grid 4.
    public var depth: Int {
        switch self {
        case .city: 0
        case .district, .zone: 1
        case .subdistrict: 2
        case .community: 3
        case .grid: 4
        }
    }

    /// The Chinese name used in the console and in reports.
    public var nameZH: String {
        switch self {
        case .city: "市"
        case .district: "区县"
        case .zone: "功能区"
        case .subdistrict: "街道/乡镇"
        case .community: "社区/村"
        case .grid: "单元网格"
        }
    }

    /// The English name used in the console's English mode.
    public var nameEN: String {
        switch self {
        case .city: "city"
        case .district: "district/county"
        case .zone: "functional zone"
        case .subdistrict: "subdistrict/town"
        case .community: "community"
        case .grid: "unit grid"
        }
    }

    public static func < (lhs: RegionLevel, rhs: RegionLevel) -> Bool {
        if lhs.depth != rhs.depth { return lhs.depth < rhs.depth }
        return lhs == .district && rhs == .zone
    }

    /// The levels whose parent may be a region of `self`'s management parent level.
    ///
    /// A subdistrict's management parent is a district or a zone; a district's or zone's is the city.
    public var allowedParentLevels: Set<RegionLevel> {
        switch self {
        case .city: []
        case .district, .zone: [.city]
        case .subdistrict: [.district, .zone]
        case .community: [.subdistrict]
        case .grid: [.community]
        }
    }
}
