public import Foundation

/// 上报 (a new report): what any channel brings in — location, class, description, photos and the
/// reporter — with the grid chain already resolved by the caller.
///
/// ```swift
/// let report = CaseReport(id: UUID().uuidString, number: "ZB20261129000001", source: .citizen,
///                         classKind: .matter, classCode: "06001", description: "人行道私搭乱建",
///                         location: point, chain: locator.locate(point))
/// ```
public struct CaseReport: Sendable, Hashable {
    public var id: String
    public var number: String
    public var source: CaseSource
    public var hotlineTicket: String?
    public var classKind: ClassKind
    public var classCode: String
    public var urgency: Urgency
    public var description: String
    public var location: Coordinate
    public var address: String?
    public var gridCode: String?
    public var communityCode: String?
    public var subdistrictCode: String?
    public var districtCode: String?
    public var reporterName: String?
    public var reporterPhone: String?
    public var reporterUserID: String?
    public var photos: [String]
    /// The register entry (部件标识码) the report is about, for component classes.
    public var componentID: String?
    /// Values of the class's extension attributes (e.g. from Open311 `attribute[code]`).
    public var attributes: [String: String] = [:]
    /// 自处理: an inspector fixed it on the spot (photos required); it goes straight to closing review.
    public var selfHandled: Bool

    public init(
        id: String, number: String, source: CaseSource, hotlineTicket: String? = nil, classKind: ClassKind, classCode: String,
        urgency: Urgency = .normal, description: String, location: Coordinate, address: String? = nil, chain: [RegionSummary] = [],
        reporterName: String? = nil, reporterPhone: String? = nil, reporterUserID: String? = nil, photos: [String] = [],
        componentID: String? = nil, selfHandled: Bool = false
    ) {
        self.componentID = componentID
        self.id = id
        self.number = number
        self.source = source
        self.hotlineTicket = hotlineTicket
        self.classKind = classKind
        self.classCode = classCode
        self.urgency = urgency
        self.description = description
        self.location = location
        self.address = address
        self.gridCode = chain.first { $0.level == .grid }?.code
        self.communityCode = chain.first { $0.level == .community }?.code
        self.subdistrictCode = chain.first { $0.level == .subdistrict }?.code
        let subdistrict = chain.first { $0.level == .subdistrict }
        self.districtCode = subdistrict?.divisionParentCode ?? chain.first { $0.level == .district }?.code
        self.reporterName = reporterName
        self.reporterPhone = reporterPhone
        self.reporterUserID = reporterUserID
        self.photos = photos
        self.selfHandled = selfHandled
    }

    /// The most specific region the case lies in (for scope checks).
    public var regionCode: String? { gridCode ?? communityCode ?? subdistrictCode ?? districtCode }
}

extension Case {
    /// The most specific region the case lies in (for scope checks).
    public var regionCode: String? { gridCode ?? communityCode ?? subdistrictCode ?? districtCode }
}

extension Date {
    /// The same instant truncated to whole milliseconds — the precision events are stored and
    /// hashed at, so a re-read event hashes the same.
    public var truncatedToMilliseconds: Date {
        Date(millisecondsSince1970: millisecondsSince1970)
    }
}
