import Foundation

/// Where a component is: a point (井盖, 路灯), a line (护栏, 盲道) or an area (绿地, 停车场), in WGS84.
///
/// Why an enum of three shapes: GB/T 47678.5 lets a component be any of the three, and every
/// consumer needs one answer to "which grid is it in?" — ``representativePoint``, which is always
/// a point of the geometry itself (never a centroid outside an L-shaped lawn).
///
/// ```swift
/// let cover = ComponentGeometry.point(Coordinate(lon: 118.05, lat: 36.81))
/// let rail = try ComponentGeometry(geoJSON: ["type": "LineString",
///                                            "coordinates": [[118.05, 36.81], [118.06, 36.81]]])
/// rail.representativePoint   // (118.055, 36.81): half-way along the line
/// rail.validate()            // [] when valid
/// ```
public enum ComponentGeometry: Sendable, Hashable {
    /// A single position.
    case point(Coordinate)
    /// A polyline of at least two positions.
    case line([Coordinate])
    /// One or more polygons (a GeoJSON Polygon becomes a one-polygon MultiPolygon).
    case polygon(MultiPolygon)

    /// The GeoJSON type this geometry is written as: `Point`, `LineString` or `MultiPolygon`.
    public var geoJSONType: String {
        switch self {
        case .point: "Point"
        case .line: "LineString"
        case .polygon: "MultiPolygon"
        }
    }

    /// Every position, in order (for a polygon: every ring of every polygon).
    public var coordinates: [Coordinate] {
        switch self {
        case .point(let c): [c]
        case .line(let list): list
        case .polygon(let mp): mp.polygons.flatMap { $0.rings.flatMap(\.coordinates) }
        }
    }

    /// The smallest box holding every position (a point's box has zero size).
    public var boundingBox: BoundingBox {
        switch self {
        case .point(let c): BoundingBox(minLon: c.lon, minLat: c.lat, maxLon: c.lon, maxLat: c.lat)
        case .line(let list):
            BoundingBox(list) ?? BoundingBox(minLon: .infinity, minLat: .infinity, maxLon: -.infinity, maxLat: -.infinity)
        case .polygon(let mp): mp.boundingBox
        }
    }

    /// The geometry with `transform` applied to every position, e.g. `CoordinateSystem.gcj02.toWGS84`.
    public func mapCoordinates(_ transform: (Coordinate) -> Coordinate) -> ComponentGeometry {
        switch self {
        case .point(let c): return .point(transform(c))
        case .line(let list): return .line(list.map(transform))
        case .polygon(let mp):
            func ring(_ r: Ring) -> Ring { Ring(coordinates: r.coordinates.map(transform)) }
            return .polygon(MultiPolygon(polygons: mp.polygons.map { Polygon(exterior: ring($0.exterior), holes: $0.holes.map(ring)) }))
        }
    }

    /// One point that stands for the component when it is located in a unit grid, community or
    /// street; always on or inside the geometry.
    ///
    /// - point: the point itself.
    /// - line: the point half-way along the line, measured in metres in a local projection (so a
    ///   long first segment does not pull it to one end); for a zero-length line, the first position.
    /// - polygon: the area centroid when it lies inside. Otherwise (an L- or U-shaped area, a ring
    ///   around a hole) the middle of the widest inside stretch of a horizontal line across the
    ///   largest polygon — tried at the centroid's latitude, then at the box centre and at 1/4, 3/4,
    ///   1/8 … of the box height — which is strictly inside for any polygon with area. Only
    ///   degenerate input with no inside at all falls back to the first vertex.
    public var representativePoint: Coordinate {
        switch self {
        case .point(let c): c
        case .line(let list): Self.halfwayPoint(list)
        case .polygon(let mp): Self.interiorPoint(mp)
        }
    }

    /// Lists everything wrong with the geometry as ``ComponentProblem``s on field `geometry`; empty
    /// when valid.
    ///
    /// Positions must be finite with lon −180…180 and lat −90…90; a line needs at least two
    /// positions and a non-zero length; polygons are checked by ``MultiPolygon/validate()``.
    public func validate() -> [ComponentProblem] {
        func problem(_ en: String, _ zh: String) -> ComponentProblem {
            ComponentProblem(field: "geometry", message: en, messageZH: zh)
        }
        switch self {
        case .point(let c):
            return c.isValid ? [] : [problem("point \(c) is not a finite lon/lat in range", "点坐标 \(c) 不是有效的经纬度")]
        case .line(let list):
            var problems: [ComponentProblem] = []
            if list.count < 2 {
                problems.append(problem("a line needs at least 2 positions, not \(list.count)", "线至少需要 2 个点，实为 \(list.count) 个"))
            }
            for (i, c) in list.enumerated() where !c.isValid {
                problems.append(problem("position \(i) \(c) is not a finite lon/lat in range", "第 \(i) 个点 \(c) 不是有效的经纬度"))
            }
            if list.count >= 2, problems.isEmpty, Set(list).count < 2 {
                problems.append(problem("the line has zero length (all positions are equal)", "线的长度为零（所有点重合）"))
            }
            return problems
        case .polygon(let mp):
            return mp.validate().map { problem($0.description, $0.descriptionZH) }
        }
    }

    // MARK: - Representative point

    /// The point half-way along the line by length.
    static func halfwayPoint(_ list: [Coordinate]) -> Coordinate {
        guard let first = list.first else { return Coordinate(lon: .nan, lat: .nan) }
        guard list.count > 1, list.allSatisfy(\.isValid) else { return first }
        let plane = LocalProjection(origin: first)
        let points = list.map(plane.project)
        var lengths: [Double] = []
        lengths.reserveCapacity(points.count - 1)
        for k in 0..<(points.count - 1) { lengths.append(points[k].distance(to: points[k + 1])) }
        let total = lengths.reduce(0, +)
        guard total > 0 else { return first }
        var remaining = total / 2
        for (k, length) in lengths.enumerated() {
            if remaining <= length, length > 0 {
                let t = remaining / length
                let a = list[k], b = list[k + 1]
                return Coordinate(lon: a.lon + (b.lon - a.lon) * t, lat: a.lat + (b.lat - a.lat) * t)
            }
            remaining -= length
        }
        return list[list.count - 1]
    }

    /// The centroid if inside, else a scan-line interior point of the largest polygon.
    static func interiorPoint(_ mp: MultiPolygon) -> Coordinate {
        let centroid = mp.centroid
        if centroid.lon.isFinite, centroid.lat.isFinite, mp.contains(centroid) { return centroid }
        guard let largest = mp.polygons.max(by: { MultiPolygon($0).area < MultiPolygon($1).area }) else { return centroid }
        let box = MultiPolygon(largest).boundingBox
        let fallback = largest.exterior.coordinates.first ?? centroid
        guard box.minLat < box.maxLat, box.minLon < box.maxLon else { return fallback }
        var latitudes: [Double] = []
        if centroid.lat > box.minLat && centroid.lat < box.maxLat { latitudes.append(centroid.lat) }
        for fraction in [0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875] {
            latitudes.append(box.minLat + (box.maxLat - box.minLat) * fraction)
        }
        for lat in latitudes {
            if let point = scanLinePoint(largest, lat: lat), mp.contains(point) { return point }
        }
        return fallback
    }

    /// The middle of the widest inside stretch of the horizontal line at `lat` across `polygon`.
    static func scanLinePoint(_ polygon: Polygon, lat: Double) -> Coordinate? {
        var crossings: [Double] = []
        for ring in polygon.rings {
            let c = ring.coordinates
            guard c.count >= 2 else { continue }
            for k in c.indices {
                let a = c[k], b = c[(k + 1) % c.count]
                guard (a.lat > lat) != (b.lat > lat) else { continue }
                crossings.append(a.lon + (lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat))
            }
        }
        crossings.sort()
        var best: (width: Double, lon: Double)?
        var k = 0
        while k + 1 < crossings.count {
            let width = crossings[k + 1] - crossings[k]
            if width > (best?.width ?? 0) { best = (width, (crossings[k] + crossings[k + 1]) / 2) }
            k += 2
        }
        return best.map { Coordinate(lon: $0.lon, lat: lat) }
    }
}
