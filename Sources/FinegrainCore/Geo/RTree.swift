import Foundation

/// An immutable R-tree over bounding boxes, bulk-loaded with Sort-Tile-Recursive (STR) packing.
///
/// Region lookup ("which grid cell, town and district contain this point?") must find a few
/// candidates among ~40,000 boxes in microseconds. STR packing fills every node, giving a
/// shallow tree with little overlap; everything lives in a handful of flat arrays (structure of
/// arrays — no object per node), so the tree costs about 35 bytes per entry plus the payloads,
/// is `Sendable`, and is cheap to search. Build it once; rebuild to change it.
///
/// ```swift
/// let tree = RTree(regions.enumerated().map { (box: $0.element.boundingBox, payload: $0.offset) })
/// let candidates = tree.search(containing: Coordinate(lon: 118.05, lat: 36.81))   // [Int]
/// ```
public struct RTree<Payload: Sendable>: Sendable {
    // Entries in STR order.
    private let entryMinLon: [Double], entryMinLat: [Double], entryMaxLon: [Double], entryMaxLat: [Double]
    private let payloads: [Payload]
    // Nodes of all levels: leaf nodes first, the root last. A node's children are the range
    // childStart..<childEnd — of entries for a leaf node, of nodes otherwise.
    private let nodeMinLon: [Double], nodeMinLat: [Double], nodeMaxLon: [Double], nodeMaxLat: [Double]
    private let childStart: [Int32], childEnd: [Int32]
    private let leafNodeCount: Int
    /// The number of node levels: 0 when empty, 1 when a single node holds all entries.
    public let height: Int
    /// The maximum number of children per node.
    public let nodeCapacity: Int

    /// Builds the tree; O(n log n). `nodeCapacity` is clamped to at least 2.
    public init(_ entries: [(box: BoundingBox, payload: Payload)], nodeCapacity: Int = 16) {
        let cap = Swift.max(2, nodeCapacity)
        self.nodeCapacity = cap
        let order = Self.strOrder(entries.map(\.box), capacity: cap)
        let boxes = order.map { entries[$0].box }
        payloads = order.map { entries[$0].payload }
        entryMinLon = boxes.map(\.minLon)
        entryMinLat = boxes.map(\.minLat)
        entryMaxLon = boxes.map(\.maxLon)
        entryMaxLat = boxes.map(\.maxLat)

        var nodeBoxes: [BoundingBox] = []
        var starts: [Int32] = []
        var ends: [Int32] = []
        // The current level: boxes with child ranges, children starting at childBase.
        var level = Self.group(boxes, capacity: cap, childBase: 0)
        leafNodeCount = level.boxes.count
        var height = level.boxes.isEmpty ? 0 : 1
        while level.boxes.count > 1 {
            let reorder = Self.strOrder(level.boxes, capacity: cap)
            let base = nodeBoxes.count
            let ordered = reorder.map { level.boxes[$0] }
            nodeBoxes += ordered
            starts += reorder.map { level.starts[$0] }
            ends += reorder.map { level.ends[$0] }
            level = Self.group(ordered, capacity: cap, childBase: base)
            height += 1
        }
        nodeBoxes += level.boxes
        starts += level.starts
        ends += level.ends
        self.height = height
        nodeMinLon = nodeBoxes.map(\.minLon)
        nodeMinLat = nodeBoxes.map(\.minLat)
        nodeMaxLon = nodeBoxes.map(\.maxLon)
        nodeMaxLat = nodeBoxes.map(\.maxLat)
        childStart = starts
        childEnd = ends
    }

    /// The number of entries.
    public var count: Int { payloads.count }

    /// The heap memory of the tree's arrays in bytes (payloads counted by their inline size).
    public var approximateMemoryBytes: Int {
        let arrayHeader = 32
        let entries = count * (4 * MemoryLayout<Double>.stride + MemoryLayout<Payload>.stride) + 5 * arrayHeader
        let nodes = nodeMinLon.count * (4 * MemoryLayout<Double>.stride + 2 * MemoryLayout<Int32>.stride) + 6 * arrayHeader
        return MemoryLayout<Self>.size + entries + nodes
    }

    /// The payloads of all entries whose box contains `point` (borders inclusive), in no
    /// particular order.
    public func search(containing point: Coordinate) -> [Payload] {
        let x = point.lon, y = point.lat
        return search { minLon, minLat, maxLon, maxLat in x >= minLon && x <= maxLon && y >= minLat && y <= maxLat }
    }

    /// The payloads of all entries whose box intersects `box` (touching counts), in no particular
    /// order.
    public func search(intersecting box: BoundingBox) -> [Payload] {
        search { minLon, minLat, maxLon, maxLat in
            minLon <= box.maxLon && maxLon >= box.minLon && minLat <= box.maxLat && maxLat >= box.minLat
        }
    }

    private func search(_ hit: (Double, Double, Double, Double) -> Bool) -> [Payload] {
        var result: [Payload] = []
        guard let root = nodeMinLon.indices.last else { return result }
        guard hit(nodeMinLon[root], nodeMinLat[root], nodeMaxLon[root], nodeMaxLat[root]) else { return result }
        var stack: [Int] = [root]
        stack.reserveCapacity(height * nodeCapacity)
        while let node = stack.popLast() {
            let range = Int(childStart[node])..<Int(childEnd[node])
            if node < leafNodeCount {
                for e in range where hit(entryMinLon[e], entryMinLat[e], entryMaxLon[e], entryMaxLat[e]) {
                    result.append(payloads[e])
                }
            } else {
                for n in range where hit(nodeMinLon[n], nodeMinLat[n], nodeMaxLon[n], nodeMaxLat[n]) {
                    stack.append(n)
                }
            }
        }
        return result
    }

    /// Groups consecutive boxes into nodes of `capacity` children.
    private static func group(_ boxes: [BoundingBox], capacity: Int, childBase: Int)
        -> (boxes: [BoundingBox], starts: [Int32], ends: [Int32])
    {
        var out: [BoundingBox] = []
        var starts: [Int32] = []
        var ends: [Int32] = []
        var i = 0
        while i < boxes.count {
            let end = Swift.min(i + capacity, boxes.count)
            var box = boxes[i]
            for k in (i + 1)..<end { box = box.union(boxes[k]) }
            out.append(box)
            starts.append(Int32(childBase + i))
            ends.append(Int32(childBase + end))
            i = end
        }
        return (out, starts, ends)
    }

    /// STR order: sort by centre longitude into √(n/capacity) vertical slices, each sorted by
    /// centre latitude, so consecutive runs of `capacity` form compact nodes.
    private static func strOrder(_ boxes: [BoundingBox], capacity: Int) -> [Int] {
        let n = boxes.count
        guard n > capacity else { return Array(0..<n) }
        let cx = boxes.map { $0.minLon + $0.maxLon }
        let cy = boxes.map { $0.minLat + $0.maxLat }
        var order = Array(0..<n).sorted { cx[$0] < cx[$1] }
        let leaves = (n + capacity - 1) / capacity
        let slices = Int(Double(leaves).squareRoot().rounded(.up))
        let sliceSize = slices * capacity
        var start = 0
        while start < n {
            let end = Swift.min(start + sliceSize, n)
            order[start..<end].sort { cy[$0] < cy[$1] }
            start = end
        }
        return order
    }
}
