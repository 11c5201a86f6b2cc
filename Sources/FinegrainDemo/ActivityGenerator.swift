public import FinegrainCore
public import Foundation

/// 模拟业务 (simulated activity): realistic, deterministic case histories on the demo city, made
/// through the real ``Workflow`` (every step is decided and validated as in production), for load
/// tests, benchmarks and evaluation demos.
///
/// What makes it realistic: street order and appearance matters dominate (街面秩序, 市容环境);
/// reports come in number order, following the working day and week and dipping on holidays; channels mix inspectors, the 12345
/// hotline, citizens, video and sensors; departments differ in speed and rework; some cases are
/// voided, returned, extended or suspended, and recent ones are still open (a long tail of overdue
/// work). Generated cases have numbers starting with `SIM`, so they never collide with real ones.
///
/// ```swift
/// var generator = ActivityGenerator(workflow: workflow, grids: grids, classes: matters, departments: departments, seed: 7)
/// let schedule = generator.schedule(from: start, to: end, first: 0, count: 1_000)
/// let history = try generator.history(index: 0, schedule: schedule, now: Date())   // [CaseEvent]
/// ```
public struct ActivityGenerator: Sendable {
    /// Where a case may be reported: a grid with its chain.
    public struct Place: Sendable {
        public var box: BoundingBox
        public var chain: [RegionSummary]
        public var geometry: MultiPolygon

        public init(region: Region, chain: [RegionSummary]) {
            box = region.boundingBox
            self.chain = chain
            geometry = region.geometry
        }

        /// A random point inside the place (its box's centre if ten tries all miss the polygon).
        func randomPoint(_ random: inout SeededGenerator) -> Coordinate {
            for _ in 0..<10 {
                let candidate = random.coordinate(in: box)
                if geometry.contains(candidate) { return candidate }
            }
            return box.center
        }
    }

    /// A department with its habits.
    public struct Team: Sendable {
        public var departmentID: String
        /// District codes it serves (empty: the whole city).
        public var districts: Set<String>
        /// Typical handling time in working hours.
        public var meanHours: Double
        /// Probability that a check fails (返工).
        public var reworkRate: Double

        public init(departmentID: String, districts: Set<String>, meanHours: Double, reworkRate: Double) {
            self.departmentID = departmentID
            self.districts = districts
            self.meanHours = meanHours
            self.reworkRate = reworkRate
        }
    }

    let workflow: Workflow
    let places: [Place]
    let classes: [(code: String, weight: Double)]
    /// Class names by code, for the reports' descriptions.
    let classNames: [String: String]
    let teams: [Team]
    let seed: UInt64
    let weights: [Double]
    let totalWeight: Double

    public init(workflow: Workflow, places: [Place], matterClasses: [CatalogueClass], teams: [Team], seed: UInt64) {
        self.workflow = workflow
        self.places = places
        self.teams = teams
        self.seed = seed
        classNames = Dictionary(matterClasses.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        // Street order (09) and appearance (06) dominate, then advertising, construction, facilities.
        let majorWeights: [String: Double] = ["09": 35, "06": 30, "07": 10, "08": 8, "01": 10, "02": 3, "03": 2, "04": 1.5, "05": 0.5, "10": 0.5]
        var weighted: [(String, Double)] = []
        for (major, classesOfMajor) in Dictionary(grouping: matterClasses, by: \.majorCode) {
            let sorted = classesOfMajor.sorted { $0.code < $1.code }
            let zipfTotal = sorted.indices.reduce(0.0) { $0 + 1 / Double($1 + 1) }
            for (i, c) in sorted.enumerated() {
                weighted.append((c.code, (majorWeights[major] ?? 0.2) * (1 / Double(i + 1)) / zipfTotal))
            }
        }
        classes = weighted.sorted { $0.0 < $1.0 }.map { (code: $0.0, weight: $0.1) }
        weights = classes.map(\.weight)
        totalWeight = weights.reduce(0, +)
    }

    /// An index drawn with probability proportional to `weights` (which add up to `total`).
    static func weightedIndex(_ weights: [Double], total: Double, _ random: inout SeededGenerator) -> Int {
        var pick = random.nextUnit() * total
        for (i, w) in weights.enumerated() {
            pick -= w
            if pick <= 0 { return i }
        }
        return weights.count - 1
    }

    static let actors: [Role: CaseActor] = [
        .operator_: CaseActor(userID: nil, name: "sim-operator", role: .operator_),
        .inspector: CaseActor(userID: nil, name: "sim-inspector", role: .inspector),
        .shiftLeader: CaseActor(userID: nil, name: "sim-shift-leader", role: .shiftLeader),
        .dispatcher: CaseActor(userID: nil, name: "sim-dispatcher", role: .dispatcher),
        .departmentHandler: CaseActor(userID: nil, name: "sim-handler", role: .departmentHandler),
        .citizen: CaseActor(userID: nil, name: "sim-citizen", role: .citizen),
    ]

    /// The description of case `index`, drawn from its own stream so that the rest of the history
    /// does not depend on it.
    func describe(index: Int, code: String, chain: [RegionSummary]) -> String {
        var random = SeededGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index))
        return CaseDescriptions.make(className: classNames[code] ?? "私搭乱建", chain: chain, &random)
    }

    /// When the cases `first..<first + count` are reported between `from` and `to` (in number order,
    /// with the city's rhythm; see ``ReportSchedule``).
    public func schedule(from: Date, to: Date, first: Int, count: Int) -> ReportSchedule {
        ReportSchedule(calendar: workflow.calendar, from: from, to: to, first: first, count: count)
    }

    /// The history of case number `index`, reported when `schedule` says; steps that would fall
    /// after `now` are not taken (the case stays open where it is).
    public func history(index: Int, schedule: ReportSchedule, now: Date) throws -> [CaseEvent] {
        var random = SeededGenerator(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
        let calendar = workflow.calendar
        let reported = schedule.time(of: index, jitter: random.nextUnit())
        let place = places[Int(random.next() % UInt64(places.count))]
        let point = place.randomPoint(&random)
        let code = classes.isEmpty ? "06001" : classes[Self.weightedIndex(weights, total: totalWeight, &random)].code
        let channel = random.nextUnit()
        let source: CaseSource =
            channel < 0.55 ? .inspector : channel < 0.75 ? .hotline12345 : channel < 0.9 ? .citizen : channel < 0.95 ? .video
            : channel < 0.97 ? .sensor : channel < 0.99 ? .superior : .media
        let urgency: Urgency = random.nextUnit() < 0.03 ? .emergency : random.nextUnit() < 0.12 ? .urgent : .normal
        let number = "SIM" + calendar.localDate(of: reported).description.replacingOccurrences(of: "-", with: "") + String(format: "%08d", index)
        let report = CaseReport(
            id: String(format: "sim-%010d", index), number: number, source: source,
            hotlineTicket: source == .hotline12345 ? "12345-\(index)" : nil, classKind: .matter, classCode: code, urgency: urgency,
            description: describe(index: index, code: code, chain: place.chain), location: point, chain: place.chain)
        // Simulated staff: one inspector per subdistrict, six operators, four shift leaders and four
        // dispatchers in rotation, so the posts can be evaluated too.
        func staff(_ role: Role) -> CaseActor? {
            guard var actor = Self.actors[role] else { return nil }
            let id: String? =
                switch role {
                case .inspector: report.subdistrictCode.map { "sim-inspector-\($0)" }
                case .operator_: "sim-operator-\(index % 6 + 1)"
                case .shiftLeader: "sim-shift-leader-\(index / 7 % 4 + 1)"
                case .dispatcher: "sim-dispatcher-\(index / 3 % 4 + 1)"
                default: nil
                }
            actor.userID = id
            if let id { actor.name = id }
            return actor
        }
        let reporter = source == .inspector ? staff(.inspector) : source == .citizen ? Self.actors[.citizen] : staff(.operator_)
        var events = [try workflow.report(report, by: reporter ?? .system, at: reported)]
        var current = try Case.applying(events[0], to: nil)
        var time = reported

        func minutes(_ low: Double, _ high: Double) -> TimeInterval { (low + random.nextUnit() * (high - low)) * 60 }
        func step(_ command: CaseCommand, _ role: Role, after delay: TimeInterval) throws -> Bool {
            time = time.addingTimeInterval(delay)
            guard time <= now, let actor = staff(role) else { return false }
            let event = try workflow.decide(command, on: current, by: actor, at: time)
            current = try Case.applying(event, to: current)
            events.append(event)
            return true
        }

        if source.needsVerification {
            guard try step(.requestVerification(note: nil), .operator_, after: minutes(2, 30)) else { return events }
            guard try step(.verify(confirmed: random.nextUnit() > 0.04, note: nil, photos: []), .inspector, after: minutes(5, 45)) else { return events }
        }
        if random.nextUnit() < 0.04 {
            guard try step(.proposeVoid(reason: "不属于城管职责"), .operator_, after: minutes(5, 60)) else { return events }
            _ = try step(.approveVoid(note: nil), .shiftLeader, after: minutes(10, 120))
            return events
        }
        guard try step(.file(classKind: nil, classCode: nil, urgency: nil, note: nil), .shiftLeader, after: minutes(5, 90)) else { return events }
        let district = place.chain.first { $0.level == .subdistrict }?.divisionParentCode ?? place.chain.first { $0.level == .district }?.code ?? ""
        let local = teams.filter { $0.districts.isEmpty || $0.districts.contains(district) }
        guard let team = (local.isEmpty ? teams : local).randomElement(using: &random) else { return events }
        guard try step(.dispatch(departmentID: team.departmentID, note: nil), .dispatcher, after: minutes(5, 80)) else { return events }
        if random.nextUnit() < 0.03 {
            guard try step(.requestReturn(reason: "非本单位职责"), .departmentHandler, after: minutes(30, 240)) else { return events }
            guard try step(.approveReturn(note: nil), .dispatcher, after: minutes(10, 120)) else { return events }
            guard try step(.dispatch(departmentID: team.departmentID, note: "重新派遣"), .dispatcher, after: minutes(5, 60)) else { return events }
        }
        if random.nextUnit() < 0.04 {
            guard try step(.requestSuspension(reason: "需专项资金"), .departmentHandler, after: minutes(60, 600)) else { return events }
            guard try step(.approveSuspension(note: nil), .dispatcher, after: minutes(30, 300)) else { return events }
            if random.nextUnit() < 0.5 { return events }  // still suspended
            guard try step(.restore(note: nil), .dispatcher, after: minutes(60 * 24 * 3, 60 * 24 * 30)) else { return events }
        }
        if random.nextUnit() < 0.06 {
            guard try step(.requestExtension(workingMinutes: 480, reason: "施工周期长"), .departmentHandler, after: minutes(60, 480)) else { return events }
            guard try step(.approveExtension(note: nil), .dispatcher, after: minutes(10, 120)) else { return events }
        }
        var rounds = 0
        while true {
            // Handling takes the team's typical working hours, spread (log-normal-ish), in working time.
            let hours = team.meanHours * exp((random.nextUnit() - 0.5) * 1.6)
            let done = calendar.adding(.workingMinutes(max(10, Int(hours * 60))), to: time)
            guard try step(.feedback(result: "已处置", photos: [String(repeating: "0", count: 64)]), .departmentHandler, after: done.timeIntervalSince(time))
            else { return events }
            guard try step(.requestCheck(note: nil), .operator_, after: minutes(5, 60)) else { return events }
            let passed = random.nextUnit() >= team.reworkRate || rounds >= 2
            guard try step(.check(passed: passed, note: nil, photos: [String(repeating: "0", count: 64)]), .inspector, after: minutes(10, 50))
            else { return events }
            if passed { break }
            rounds += 1
        }
        _ = try step(.close(note: nil), .shiftLeader, after: minutes(5, 120))
        return events
    }
}
