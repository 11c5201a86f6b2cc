public import FinegrainCore
import Foundation

/// 演示城市 (the demo city): Zibo (淄博), built from real data where it exists and generated,
/// deterministically, where it does not.
///
/// - **Real**: the city, its 8 districts/counties (GB/T 2260 codes, Amap-derived boundaries
///   converted to WGS84), and the codes and names of its 88 subdistricts/towns.
/// - **Configured**: the 3 functional zones and the subdistricts they manage (illustrative).
/// - **Synthetic** (`synthetic: true`): town polygons (each district cut into towns with areas in
///   proportion to ``Configuration/subdistrictWeight`` and ``Configuration/townWeight``, urban
///   subdistricts clustered around the district's seat), communities (each town cut into parts of
///   about ``Configuration/urbanCommunityArea`` or ``Configuration/ruralCommunityArea``), and unit
///   grids (a ``Configuration/gridSize`` lattice clipped to each community) in the subdistricts
///   that ``Configuration/griddedSubdistricts`` selects — by default the 街道 of 张店区, the
///   central urban area.
///
/// The same configuration always yields the same regions, codes and coordinates.
///
/// ```swift
/// let regions = try DemoCity.build()
/// regions.filter { $0.level == .grid }.count   // > 10,000
/// ```
public enum DemoCity {
    /// The knobs of the synthetic layers.
    public struct Configuration: Sendable {
        /// Grid cell side in metres.
        public var gridSize: Double = 100
        /// Relative area of a 街道 (urban subdistrict) when cutting a district into towns.
        public var subdistrictWeight: Double = 1
        /// Relative area of a 镇/乡 (town).
        public var townWeight: Double = 2.5
        /// Target community size in urban subdistricts, m².
        public var urbanCommunityArea: Double = 1_500_000
        /// Target community (village group) size in towns, m².
        public var ruralCommunityArea: Double = 8_000_000
        /// Where each district's urban subdistricts cluster; districts not listed use their centroid.
        /// 张店区: around 淄博市人民政府 (approximate).
        public var seats: [String: Coordinate] = ["370303": Coordinate(lon: 118.0549, lat: 36.8131)]
        /// Subdistrict codes to cover with unit grids.
        public var griddedSubdistricts: @Sendable (_ code: String, _ name: String) -> Bool = { code, name in
            code.hasPrefix("370303") && name.hasSuffix("街道")
        }

        public init() {}
    }

    /// Builds every region of the demo city, parents before children.
    public static func build(_ configuration: Configuration = Configuration()) throws -> [Region] {
        let sources = try DemoCitySources.load()
        var regions: [Region] = []
        let districtGeometries = sources.districts.compactMap { sources.districtGeometry[$0.code] }
        guard districtGeometries.count == sources.districts.count else {
            throw DemoCityError("zibo_districts.geojson lacks a polygon for some district of zibo_divisions.csv")
        }
        // The city's outline is the union of its districts (exact where they share their borders).
        let districtParts = MultiPolygon(polygons: districtGeometries.flatMap(\.polygons))
        let cityGeometry = districtParts.dissolvedPartition() ?? districtParts
        let cityCode = sources.city.code
        regions.append(
            Region(code: cityCode, level: .city, name: sources.city.name, nameEN: sources.namesEN[cityCode], parentCode: nil,
                synthetic: false, geometry: cityGeometry))
        for district in sources.districts {
            regions.append(
                Region(code: district.code, level: .district, name: district.name, nameEN: sources.namesEN[district.code],
                    parentCode: cityCode, synthetic: false, geometry: sources.districtGeometry[district.code] ?? cityGeometry))
        }

        let projection = LocalProjection(origin: cityGeometry.boundingBox.center)
        var zoneOf: [String: String] = [:]
        for zone in sources.zones { for town in zone.subdistricts { zoneOf[town] = zone.code } }
        var townGeometry: [String: MultiPolygon] = [:]
        var lower: [Region] = []

        for district in sources.districts {
            guard let geometry = sources.districtGeometry[district.code] else { continue }
            let towns = sources.towns.filter { $0.parentCode == district.code }.sorted { lhs, rhs in
                (isUrban(lhs.name) ? 0 : 1, lhs.code) < (isUrban(rhs.name) ? 0 : 1, rhs.code)
            }
            guard !towns.isEmpty else { continue }
            let pieces = planar(geometry, projection)
            let seat = projection.project(configuration.seats[district.code] ?? geometry.centroid)
            let weights = towns.map { isUrban($0.name) ? configuration.subdistrictWeight : configuration.townWeight }
            let parts = AreaPartition.split(pieces, weights: weights, seat: seat)
            for (town, townPieces) in zip(towns, parts) {
                let townPolygon = geographic(townPieces, projection)
                townGeometry[town.code] = townPolygon
                lower.append(
                    Region(code: town.code, level: .subdistrict, name: town.name, parentCode: zoneOf[town.code] ?? district.code,
                        divisionParentCode: district.code, synthetic: true, geometry: townPolygon))
                lower += communitiesAndGrids(of: town, pieces: townPieces, projection: projection, configuration: configuration)
            }
        }
        for zone in sources.zones {
            let members = zone.subdistricts.compactMap { townGeometry[$0] }
            guard members.count == zone.subdistricts.count else {
                throw DemoCityError("zibo_zones.csv: zone \(zone.code) names a subdistrict that is not in zibo_towns.csv")
            }
            regions.append(
                Region(code: zone.code, level: .zone, name: zone.name, nameEN: zone.nameEN, parentCode: cityCode, synthetic: true,
                    geometry: MultiPolygon(polygons: members.flatMap(\.polygons))))
        }
        return regions + lower
    }

    private static func communitiesAndGrids(
        of town: DemoCitySources.Division, pieces: [PlanarPolygon], projection: LocalProjection, configuration: Configuration
    ) -> [Region] {
        let urban = isUrban(town.name)
        let target = urban ? configuration.urbanCommunityArea : configuration.ruralCommunityArea
        let count = min(60, max(1, Int((AreaPartition.area(pieces) / target).rounded())))
        // Number communities north→south, west→east by their centroids, in bands of about 1 km.
        let parts = AreaPartition.split(pieces, weights: Array(repeating: 1, count: count), seat: nil)
            .map { (pieces: $0, centroid: AreaPartition.centroid($0)) }
            .sorted { a, b in
                let (ra, rb) = ((a.centroid.y / 1000).rounded(.down), (b.centroid.y / 1000).rounded(.down))
                return ra != rb ? ra > rb : a.centroid.x < b.centroid.x
            }
        let stem = town.name.replacingOccurrences(of: "街道", with: "").replacingOccurrences(of: "镇", with: "")
            .replacingOccurrences(of: "乡", with: "")
        let gridded = configuration.griddedSubdistricts(town.code, town.name)
        let lattice = GridLattice(cellSize: configuration.gridSize)
        var regions: [Region] = []
        for (i, part) in parts.enumerated() {
            let communityCode = town.code + String(format: "%03d", i + 1)
            regions.append(
                Region(code: communityCode, level: .community, name: "\(stem)第\(i + 1)\(urban ? "社区" : "村")", parentCode: town.code,
                    synthetic: true, geometry: geographic(part.pieces, projection)))
            guard gridded else { continue }
            for (j, grid) in lattice.grids(of: part.pieces).enumerated() where j < 999 {
                let sequence = String(format: "%03d", j + 1)
                regions.append(
                    Region(code: communityCode + sequence, level: .grid, name: "\(stem)第\(i + 1)\(urban ? "社区" : "村")\(sequence)网格",
                        parentCode: communityCode, synthetic: true, geometry: geographic(grid, projection)))
            }
        }
        return regions
    }

    static func isUrban(_ name: String) -> Bool { name.hasSuffix("街道") }

    static func planar(_ geometry: MultiPolygon, _ projection: LocalProjection) -> [PlanarPolygon] {
        geometry.polygons.map { polygon in
            PlanarPolygon(points: polygon.exterior.coordinates.dropLast().map(projection.project))
        }
    }

    static func geographic(_ pieces: [PlanarPolygon], _ projection: LocalProjection) -> MultiPolygon {
        MultiPolygon(
            polygons: pieces.map { piece in
                let coordinates = piece.points.map(projection.unproject)
                return Polygon(exterior: Ring(coordinates: coordinates + coordinates.prefix(1)), holes: [])
            }
        ).normalized()
    }
}
