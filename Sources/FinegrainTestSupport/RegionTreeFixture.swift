public import FinegrainCore

/// A small, hand-checkable region tree for store and API tests: 淄博市 ▸ 张店区 and 高新区 ▸
/// 车站街道 and 四宝山街道 (managed by the zone) ▸ 第一社区 ▸ three grids in a row.
///
/// Squares in lon/lat: the city 118.0–118.2 × 36.7–36.9; the grids 0.01° wide from 118.00 at
/// 36.71–36.72.
public enum RegionTreeFixture {
    public static func square(_ minLon: Double, _ minLat: Double, _ size: Double) -> MultiPolygon {
        let c = [
            Coordinate(lon: minLon, lat: minLat), Coordinate(lon: minLon + size, lat: minLat),
            Coordinate(lon: minLon + size, lat: minLat + size), Coordinate(lon: minLon, lat: minLat + size),
            Coordinate(lon: minLon, lat: minLat),
        ]
        return MultiPolygon(polygons: [Polygon(exterior: Ring(coordinates: c), holes: [])])
    }

    public static var regions: [Region] {
        [
            Region(code: "370300", level: .city, name: "淄博市", nameEN: "Zibo", parentCode: nil, synthetic: false, geometry: square(118, 36.7, 0.2)),
            Region(code: "370303", level: .district, name: "张店区", parentCode: "370300", synthetic: false, geometry: square(118, 36.7, 0.1)),
            Region(code: "370371", level: .zone, name: "高新区", parentCode: "370300", synthetic: true, geometry: square(118.05, 36.75, 0.05)),
            Region(code: "370303001", level: .subdistrict, name: "车站街道", parentCode: "370303", synthetic: true, geometry: square(118, 36.7, 0.05)),
            Region(
                code: "370303008", level: .subdistrict, name: "四宝山街道", parentCode: "370371", divisionParentCode: "370303",
                synthetic: true, geometry: square(118.05, 36.75, 0.05)),
            Region(
                code: "370303001001", level: .community, name: "第一社区", parentCode: "370303001", synthetic: true,
                geometry: square(118, 36.7, 0.03)),
            Region(
                code: "370303001001001", level: .grid, name: "网格一", parentCode: "370303001001", synthetic: true,
                geometry: square(118, 36.71, 0.01)),
            Region(
                code: "370303001001002", level: .grid, name: "网格二", parentCode: "370303001001", synthetic: true,
                geometry: square(118.01, 36.71, 0.01)),
            Region(
                code: "370303001001003", level: .grid, name: "网格三", parentCode: "370303001001", synthetic: true,
                geometry: square(118.02, 36.71, 0.01)),
        ]
    }
}
