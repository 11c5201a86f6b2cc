import Foundation

@testable import FinegrainCore

/// Small catalogue and components for the component register tests.
enum ComponentFixtures {
    /// Valid 统一社会信用代码 (check characters computed by ``CreditCode``).
    static let authorityCode = "91370303MA3C4XUL52"
    static let ownerCode = "9144030071526726XG"

    static let material = ExtensionAttribute(
        code: "cover_material", name: "井盖材质", type: .singleChoice, required: true, choices: ["铸铁", "复合材料", "混凝土"])
    static let diameter = ExtensionAttribute(code: "diameter_cm", name: "直径", type: .number)

    /// 01001 供水井盖 (with two attributes), 01002 inactive, 0101 legacy, and a matter 01003 (not a component class).
    static let catalogue = Catalogue([
        CatalogueClass(
            kind: .component, code: "01001", name: "供水井盖", majorCode: "01", majorName: "市政公用设施",
            standard: CatalogueStandard.gb47678, attributes: [material, diameter]),
        CatalogueClass(
            kind: .component, code: "01002", name: "污水井盖", majorCode: "01", majorName: "市政公用设施",
            standard: CatalogueStandard.gb47678, active: false),
        CatalogueClass(
            kind: .component, code: "0101", name: "上水井盖", majorCode: "01", majorName: "公用设施",
            standard: CatalogueStandard.gb30428Legacy),
        CatalogueClass(
            kind: .matter, code: "01003", name: "雨水井盖异常", majorCode: "01", majorName: "市政公用设施",
            standard: CatalogueStandard.gb47678),
    ])

    static func date(_ text: String) -> LocalDate {
        guard let date = LocalDate(text) else { fatalError("bad fixture date \(text)") }
        return date
    }

    /// A component that validates cleanly against ``catalogue``.
    static func cover(id: String = "37030301001000001") -> Component {
        Component(
            id: id, name: "供水井盖", classCode: "01001", authorityCode: authorityCode, authorityName: "淄博市城市管理局",
            ownerCode: ownerCode, ownerName: "淄博市供水公司", gridCode: "370303001001001", status: .intact,
            initialDate: date("2026-11-29"), dataSource: "实测", subdistrictCode: "370303001", subdistrictName: "车站街道",
            communityCode: "370303001001", communityName: "某社区", geometry: .point(Coordinate(lon: 118.05, lat: 36.81)),
            attributes: ["cover_material": "铸铁"])
    }

    /// An L-shaped polygon whose centroid lies outside it (in the notch).
    static let lShape: MultiPolygon = {
        let s = 0.001, x = 118.0, y = 36.8
        let points = [(0.0, 0.0), (3, 0), (3, 1), (1, 1), (1, 3), (0, 3), (0, 0)]
        return MultiPolygon(Polygon(exterior: Ring(coordinates: points.map { Coordinate(lon: x + $0.0 * s, lat: y + $0.1 * s) })))
    }()
}
