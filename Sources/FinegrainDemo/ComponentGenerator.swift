public import FinegrainCore

/// 部件生成 (generated components for the demo city): deterministic points inside the generated
/// unit grids, with a class mix skewed towards the covers, lamps and bins every street has, a few
/// damaged or lost, registered to the city bureau. Marked `synthetic`.
///
/// ```swift
/// var generator = ComponentGenerator(places: grids, classes: componentClasses, authority: bureau, seed: 7)
/// let batch = try generator.components(count: 1_000, serials: &serials)
/// ```
public struct ComponentGenerator: Sendable {
    /// The department the components are registered to (its credit code is the 主管部门代码).
    public struct Authority: Sendable {
        public var code: String
        public var name: String

        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    let places: [ActivityGenerator.Place]
    let classes: [(code: String, name: String, weight: Double)]
    let weights: [Double]
    let totalWeight: Double
    let authority: Authority
    var random: SeededGenerator

    public init(places: [ActivityGenerator.Place], classes: [CatalogueClass], authority: Authority, seed: UInt64) {
        self.places = places
        // Street furniture first: 01 (public utilities: covers, lamps) and 02 (roads and traffic)
        // far outnumber monuments and landscape features.
        let majorWeights: [String: Double] = ["01": 45, "02": 25, "03": 12, "04": 10, "05": 6]
        let sorted = classes.filter { $0.kind == .component && $0.code.count == 5 }.sorted { $0.code < $1.code }
        var weighted: [(String, String, Double)] = []
        for (major, group) in Dictionary(grouping: sorted, by: { String($0.code.prefix(2)) }) {
            for (i, c) in group.enumerated() { weighted.append((c.code, c.name, (majorWeights[major] ?? 2) / Double(i + 2))) }
        }
        self.classes = weighted.sorted { $0.0 < $1.0 }.map { (code: $0.0, name: $0.1, weight: $0.2) }
        self.weights = self.classes.map(\.weight)
        self.totalWeight = weights.reduce(0, +)
        self.authority = authority
        self.random = SeededGenerator(seed: seed)
    }

    /// The next `count` components. `serials` holds the last serial used per county and class; it is
    /// advanced so ids never repeat across batches (start it from the store's next serials).
    public mutating func components(count: Int, serials: inout [String: Int]) throws -> [Component] {
        guard !places.isEmpty, !classes.isEmpty else { return [] }
        var result: [Component] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            let place = places[Int(random.next() % UInt64(places.count))]
            let point = place.randomPoint(&random)
            let chosen = classes[ActivityGenerator.weightedIndex(weights, total: totalWeight, &random)]
            let roll = random.nextUnit()
            let status: ComponentStatus = roll < 0.9 ? .intact : roll < 0.96 ? .damaged : roll < 0.98 ? .lost : .abandoned
            guard let county = place.chain.first(where: { $0.level == .subdistrict }).map({ String($0.code.prefix(6)) }) else { continue }
            let key = county + chosen.code
            let serial = (serials[key] ?? 0) + 1
            serials[key] = serial
            let id = try ComponentID.make(adminCode: county, classCode: chosen.code, serial: serial)
            let year = 2015 + Int(random.next() % 11)
            let day = LocalDate(year: year, month: 1 + Int(random.next() % 12), day: 1 + Int(random.next() % 28)) ?? LocalDate(year: 2020, month: 1, day: 1)!
            let grid = place.chain.first { $0.level == .grid }
            let community = place.chain.first { $0.level == .community }
            let subdistrict = place.chain.first { $0.level == .subdistrict }
            result.append(Component(
                id: id.text, name: chosen.name, classCode: chosen.code, authorityCode: authority.code, authorityName: authority.name,
                gridCode: grid?.code, status: status, initialDate: day, dataSource: "其他", note: "模拟部件",
                subdistrictCode: subdistrict?.code, subdistrictName: subdistrict?.name, communityCode: community?.code, communityName: community?.name,
                geometry: .point(point), synthetic: true))
        }
        return result
    }
}
