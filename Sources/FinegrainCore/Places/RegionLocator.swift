/// 定位 (locating): turns a coordinate into its chain grid ▸ community ▸ subdistrict ▸ district or
/// zone ▸ city, using an in-memory R-tree over every region's bounding box.
///
/// The finest region whose polygon contains the point wins; its management ancestors follow by
/// parent code, so they need no polygon test. Where a layer does not cover the point (a district
/// without grids, say) the chain simply starts higher up.
///
/// **Boundary rule.** Polygons use ``MultiPolygon/contains(_:)``'s half-open rule: a point on an edge
/// shared by two neighbours belongs to exactly one of them — the one to its east, or for an east–west
/// edge the one to its north. So every point of a partition falls in exactly one grid, and points on
/// the city's outer east/north boundary fall outside it.
///
/// The locator is immutable; the server builds a new one when regions change.
///
/// ```swift
/// let locator = RegionLocator(regions: allRegions)
/// let chain = locator.locate(Coordinate(lon: 118.05, lat: 36.81))
/// chain.first?.level   // .grid
/// chain.last?.code     // "370300"
/// ```
public struct RegionLocator: Sendable {
    private let regions: [Region]
    private let indexByCode: [String: Int]
    private let tree: RTree<Int>
    /// The top of the tree: the city this platform serves (nil before regions are loaded).
    public let city: Region?

    /// Builds the index; O(n log n).
    public init(regions: [Region]) {
        self.regions = regions
        var index: [String: Int] = [:]
        index.reserveCapacity(regions.count)
        for (i, region) in regions.enumerated() { index[region.code] = i }
        self.indexByCode = index
        self.tree = RTree(regions.enumerated().map { (box: $0.element.boundingBox, payload: $0.offset) })
        self.city = regions.first { $0.level == .city }
    }

    /// The number of regions indexed.
    public var count: Int { regions.count }

    /// The approximate heap memory of the R-tree itself (the polygons are counted separately).
    public var treeMemoryBytes: Int { tree.approximateMemoryBytes }

    /// The region with `code`, if indexed.
    public func region(_ code: String) -> Region? {
        indexByCode[code].map { regions[$0] }
    }

    /// The direct management children of `code` (a linear scan: for occasional use, such as
    /// expanding a zone into its subdistricts).
    public func children(of code: String) -> [Region] {
        regions.filter { $0.parentCode == code }
    }

    /// The regions of `levels` whose bounding box meets `box` (the R-tree, then a level filter), by code.
    ///
    /// ```swift
    /// locator.regions(in: visibleBox, levels: [.community])   // what a map at this zoom draws
    /// ```
    public func regions(in box: BoundingBox, levels: Set<RegionLevel>) -> [Region] {
        tree.search(intersecting: box).map { regions[$0] }.filter { levels.contains($0.level) }.sorted { $0.code < $1.code }
    }

    /// The finest region containing `point`, or `nil` outside every region.
    public func finest(containing point: Coordinate) -> Region? {
        let candidates = tree.search(containing: point).sorted { regions[$0].level.depth > regions[$1].level.depth }
        for i in candidates where regions[i].geometry.contains(point) {
            return regions[i]
        }
        return nil
    }

    /// The chain from the finest region containing `point` up to the root, finest first; empty
    /// outside every region.
    public func locate(_ point: Coordinate) -> [RegionSummary] {
        guard let finest = finest(containing: point) else { return [] }
        return chain(from: finest.code)
    }

    /// The chain from `code` up to the root through management parents, `code` first.
    public func chain(from code: String) -> [RegionSummary] {
        var result: [RegionSummary] = []
        var next: String? = code
        var seen: Set<String> = []
        while let current = next, let i = indexByCode[current], seen.insert(current).inserted {
            result.append(regions[i].summary)
            next = regions[i].parentCode
        }
        return result
    }

    /// The baseline for benchmarks and tests: tests every region's polygon in turn and keeps the
    /// deepest that contains `point`. Same answer as ``finest(containing:)``, without the index.
    ///
    /// - Parameter boundingBoxFirst: reject a region by its bounding box before testing its polygon
    ///   (a fair scan would); `false` tests every polygon, the naive brute force.
    public func finestByScan(containing point: Coordinate, boundingBoxFirst: Bool = true) -> Region? {
        var best: Region?
        for region in regions where (!boundingBoxFirst || region.boundingBox.contains(point)) && region.geometry.contains(point) {
            if region.level.depth > (best?.level.depth ?? -1) { best = region }
        }
        return best
    }
}
