import FinegrainCore

/// Cuts a community into unit grids (单元网格): the cells of a city-wide square lattice clipped to
/// the community, numbered west→east within rows taken north→south (DB11/T 2157's order).
///
/// A cell whose part inside the community is a sliver (under ``sliverFraction`` of a full cell) is
/// joined to its largest neighbour (sharing an edge, else a corner), so no grid is absurdly small;
/// a joined grid is a MultiPolygon whose parts touch along the lattice line.
struct GridLattice {
    /// Cell side in metres (100 m gives the 万米 grid of about 10,000 m²).
    var cellSize: Double
    var sliverFraction = 0.25

    /// The grids of one community, in numbering order, each a list of planar pieces.
    func grids(of community: [PlanarPolygon]) -> [[PlanarPolygon]] {
        let bounds = AreaPartition.boundsOf(community)
        guard bounds.minX.isFinite else { return [] }
        let firstColumn = Int((bounds.minX / cellSize).rounded(.down))
        let lastColumn = Int((bounds.maxX / cellSize).rounded(.up)) - 1
        let topRow = Int((bounds.maxY / cellSize).rounded(.up)) - 1
        let bottomRow = Int((bounds.minY / cellSize).rounded(.down))
        var cells: [Cell: [PlanarPolygon]] = [:]
        for column in firstColumn...max(firstColumn, lastColumn) {
            let x0 = Double(column) * cellSize
            let x1 = x0 + cellSize
            let strip = community.flatMap { $0.clipped(toHalfPlane: PlanarPoint(x: -1, y: 0), offset: -x0) }
                .flatMap { $0.clipped(toHalfPlane: PlanarPoint(x: 1, y: 0), offset: x1) }
            guard !strip.isEmpty else { continue }
            for row in bottomRow...max(bottomRow, topRow) {
                let y0 = Double(row) * cellSize
                let pieces = strip.flatMap { $0.clipped(toHalfPlane: PlanarPoint(x: 0, y: -1), offset: -y0) }
                    .flatMap { $0.clipped(toHalfPlane: PlanarPoint(x: 0, y: 1), offset: y0 + cellSize) }
                    .filter { $0.area > 1e-6 }
                if !pieces.isEmpty { cells[Cell(row: row, column: column)] = pieces }
            }
        }
        // Join slivers, smallest first, to their largest neighbour (edge neighbours before corner ones).
        let full = cellSize * cellSize
        let slivers = cells.keys.filter { AreaPartition.area(cells[$0] ?? []) < sliverFraction * full }
            .sorted { (AreaPartition.area(cells[$0] ?? []), $0) < (AreaPartition.area(cells[$1] ?? []), $1) }
        for sliver in slivers {
            guard let pieces = cells[sliver], AreaPartition.area(pieces) < sliverFraction * full else { continue }
            let (r, c) = (sliver.row, sliver.column)
            let edge = [Cell(row: r, column: c - 1), Cell(row: r, column: c + 1), Cell(row: r + 1, column: c), Cell(row: r - 1, column: c)]
            let corner = [Cell(row: r + 1, column: c - 1), Cell(row: r + 1, column: c + 1), Cell(row: r - 1, column: c - 1), Cell(row: r - 1, column: c + 1)]
            for candidates in [edge, corner] {
                let best = candidates.compactMap { n in cells[n].map { (cell: n, area: AreaPartition.area($0)) } }
                    .max { ($0.area, $1.cell) < ($1.area, $0.cell) }
                if let best {
                    cells[best.cell, default: []].append(contentsOf: pieces)
                    cells[sliver] = nil
                    break
                }
            }
        }
        return cells.keys.sorted().compactMap { cells[$0] }
    }

    /// A lattice cell; sorts north→south, then west→east.
    struct Cell: Hashable, Comparable {
        var row: Int
        var column: Int

        static func < (a: Cell, b: Cell) -> Bool {
            a.row != b.row ? a.row > b.row : a.column < b.column
        }
    }
}
