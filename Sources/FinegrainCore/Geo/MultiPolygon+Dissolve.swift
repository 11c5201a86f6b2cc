import Foundation

extension MultiPolygon {
    /// The union of the polygons of a **topologically clean partition**, computed by cancelling
    /// shared edges — or `nil` when the parts do not share their boundaries vertex for vertex.
    ///
    /// Why: a city's outline is the union of its districts. A general polygon union is a large
    /// piece of machinery; but boundary data cut from one survey (as the demo's district polygons
    /// are) shares every vertex along common borders, and then an edge a→b of one district meets
    /// b→a of its neighbour. Dropping such pairs and chaining the remaining edges gives the outline
    /// exactly. If any vertex would have two outgoing edges, or the result does not validate, the
    /// data is not clean enough and the caller keeps the parts.
    ///
    /// ```swift
    /// let city = MultiPolygon(polygons: districts.flatMap(\.polygons)).dissolvedPartition()
    /// city?.polygons.count   // 1 for Zibo
    /// ```
    public func dissolvedPartition() -> MultiPolygon? {
        let normalized = normalized()
        struct Edge: Hashable {
            let a: Coordinate
            let b: Coordinate
        }
        var edges = Set<Edge>()
        for polygon in normalized.polygons {
            for ring in polygon.rings {
                for (a, b) in zip(ring.coordinates, ring.coordinates.dropFirst()) where a != b {
                    let reverse = Edge(a: b, b: a)
                    if edges.contains(reverse) { edges.remove(reverse) } else { edges.insert(Edge(a: a, b: b)) }
                }
            }
        }
        var next: [Coordinate: Coordinate] = [:]
        for edge in edges {
            guard next[edge.a] == nil else { return nil }  // two ways out: not a simple outline
            next[edge.a] = edge.b
        }
        var rings: [Ring] = []
        var unvisited = next
        while let start = unvisited.keys.min(by: { ($0.lon, $0.lat) < ($1.lon, $1.lat) }) {
            var coordinates = [start]
            var current = start
            while let following = unvisited.removeValue(forKey: current) {
                coordinates.append(following)
                current = following
                if following == start { break }
            }
            guard coordinates.count >= 4, coordinates.last == start else { return nil }
            rings.append(Ring(coordinates: coordinates))
        }
        let exteriors = rings.filter { $0.signedAreaDegrees > 0 }
        let holes = rings.filter { $0.signedAreaDegrees < 0 }
        var polygons = exteriors.map { Polygon(exterior: $0, holes: []) }
        for hole in holes {
            guard let probe = hole.coordinates.first,
                let owner = polygons.indices.first(where: { MultiPolygon(polygons: [Polygon(exterior: polygons[$0].exterior)]).containsOrTouches(probe) })
            else { return nil }
            polygons[owner].holes.append(hole)
        }
        let result = MultiPolygon(polygons: polygons)
        return result.validate().isEmpty ? result : nil
    }

    /// Inside, or within a millimetre of the boundary (for probing a hole's vertex on its exterior).
    private func containsOrTouches(_ point: Coordinate) -> Bool {
        contains(point) || distanceToBoundary(point) < 0.001
    }
}
