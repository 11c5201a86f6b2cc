/// 管理区域 (a region of the management tree): a city, district/county, functional zone,
/// subdistrict/town, community or unit grid, with its polygon.
///
/// Two parents are kept apart on purpose. ``parentCode`` is the **management** parent, the node
/// above it in the tree that the platform dispatches and evaluates by. ``divisionParentCode`` is the
/// **official** (GB/T 2260 / 统计用区划代码) parent when it differs — for a subdistrict that a
/// functional zone (功能区) has taken over from its county. Codes stay official either way.
///
/// ```swift
/// let town = Region(code: "370303008", level: .subdistrict, name: "四宝山街道",
///                   parentCode: "370371", divisionParentCode: "370303",
///                   synthetic: true, geometry: polygon)
/// town.officialParentCode   // "370303"
/// ```
public struct Region: Sendable, Hashable, Identifiable {
    /// The region's code (see ``RegionCode``; zones use a configured six-digit code).
    public var code: String
    /// Its level in the management tree.
    public var level: RegionLevel
    /// Its Chinese name, e.g. 张店区.
    public var name: String
    /// Its English or pinyin name, when known.
    public var nameEN: String?
    /// The management parent's code; `nil` for a city, the root.
    public var parentCode: String?
    /// The official division parent's code, when it differs from ``parentCode``.
    public var divisionParentCode: String?
    /// `true` for generated layers (the demo city's towns, communities and grids), which are not real
    /// boundaries and must be shown as such.
    public var synthetic: Bool
    /// The region's shape in WGS84 lon/lat.
    public var geometry: MultiPolygon
    /// Area in m² on the WGS84 ellipsoid.
    public var area: Double
    /// Area-weighted centroid.
    public var centroid: Coordinate
    /// Bounding box of ``geometry``.
    public var boundingBox: BoundingBox

    public var id: String { code }

    /// Creates a region, computing area, centroid and bounding box from `geometry`.
    public init(
        code: String, level: RegionLevel, name: String, nameEN: String? = nil,
        parentCode: String?, divisionParentCode: String? = nil, synthetic: Bool, geometry: MultiPolygon
    ) {
        self.code = code
        self.level = level
        self.name = name
        self.nameEN = nameEN
        self.parentCode = parentCode
        self.divisionParentCode = divisionParentCode == parentCode ? nil : divisionParentCode
        self.synthetic = synthetic
        self.geometry = geometry
        self.area = geometry.area
        self.centroid = geometry.centroid
        self.boundingBox = geometry.boundingBox
    }

    /// The official parent: ``divisionParentCode`` when set, else ``parentCode``.
    public var officialParentCode: String? { divisionParentCode ?? parentCode }

    /// A summary without the geometry, for listings and locate chains.
    public var summary: RegionSummary {
        RegionSummary(
            code: code, level: level, name: name, nameEN: nameEN, parentCode: parentCode,
            divisionParentCode: divisionParentCode, synthetic: synthetic, area: area, centroid: centroid,
            boundingBox: boundingBox)
    }
}

/// A region without its polygon: what lists, chains and the API's default views carry.
public struct RegionSummary: Sendable, Hashable, Codable {
    public var code: String
    public var level: RegionLevel
    public var name: String
    public var nameEN: String?
    public var parentCode: String?
    public var divisionParentCode: String?
    public var synthetic: Bool
    /// Area in m².
    public var area: Double
    public var centroid: Coordinate
    public var boundingBox: BoundingBox

    public init(
        code: String, level: RegionLevel, name: String, nameEN: String?, parentCode: String?,
        divisionParentCode: String?, synthetic: Bool, area: Double, centroid: Coordinate, boundingBox: BoundingBox
    ) {
        self.code = code
        self.level = level
        self.name = name
        self.nameEN = nameEN
        self.parentCode = parentCode
        self.divisionParentCode = divisionParentCode
        self.synthetic = synthetic
        self.area = area
        self.centroid = centroid
        self.boundingBox = boundingBox
    }
}
