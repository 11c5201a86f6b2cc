import Foundation

/// What the indicator computation needs besides the case histories: the period, the working
/// calendar, how the management tree places a case, who inspects where, and the time limits of the
/// posts' own steps that the standard leaves to each city.
///
/// ```swift
/// let context = EvaluationContext(period: october, calendar: calendar, cityCode: "370300",
///                                 zoneOfSubdistrict: ["370303008": "370371"],
///                                 inspectorsByRegion: ["370303001": ["user-inspector-1"]],
///                                 limits: configuration.postLimits)
/// ```
public struct EvaluationContext: Sendable {
    public var period: EvaluationPeriod
    public var calendar: WorkingCalendar
    public var cityCode: String?
    /// 功能区托管: a subdistrict managed by a functional zone counts for the zone, not its county.
    public var zoneOfSubdistrict: [String: String]
    /// The inspectors (监督员) responsible for a region and everything under it, by region code.
    public var inspectorsByRegion: [String: [String]]
    public var limits: PostTimeLimits

    public init(
        period: EvaluationPeriod, calendar: WorkingCalendar, cityCode: String?, zoneOfSubdistrict: [String: String] = [:],
        inspectorsByRegion: [String: [String]] = [:], limits: PostTimeLimits = PostTimeLimits()
    ) {
        self.period = period
        self.calendar = calendar
        self.cityCode = cityCode
        self.zoneOfSubdistrict = zoneOfSubdistrict
        self.inspectorsByRegion = inspectorsByRegion
        self.limits = limits
    }

    /// The regions a case counts for: its grid, community, subdistrict, the district **or** the zone
    /// that manages the subdistrict, and the city.
    public func regions(of c: Case) -> [EvaluationSubject] {
        var result: [EvaluationSubject] = []
        if let cityCode { result.append(EvaluationSubject(kind: .city, id: cityCode)) }
        if let sub = c.subdistrictCode, let zone = zoneOfSubdistrict[sub] {
            result.append(EvaluationSubject(kind: .zone, id: zone))
        } else if let district = c.districtCode {
            result.append(EvaluationSubject(kind: .district, id: district))
        }
        if let code = c.subdistrictCode { result.append(EvaluationSubject(kind: .subdistrict, id: code)) }
        if let code = c.communityCode { result.append(EvaluationSubject(kind: .community, id: code)) }
        if let code = c.gridCode { result.append(EvaluationSubject(kind: .grid, id: code)) }
        return result
    }

    /// The inspectors whose area contains one of these regions (each once).
    func inspectors(covering regions: [EvaluationSubject]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for region in regions {
            for user in inspectorsByRegion[region.id] ?? [] where seen.insert(user).inserted { result.append(user) }
        }
        return result
    }
}

/// Time limits, in working minutes, of steps the deadline policy does not time because they are a
/// post's own promptness, not a stage of the case: the operator sending a verification or check task
/// (核实/核查按时派发) and the shift leader closing a checked case (按时结案). Not given by the
/// standard (china-standards §4.2), so configuration.
public struct PostTimeLimits: Sendable, Hashable, Codable {
    /// From the report to 发起核实.
    public var verificationRequestMinutes: Int
    /// From the department's feedback to 发起核查.
    public var checkRequestMinutes: Int
    /// From the passed check to 结案.
    public var closeMinutes: Int

    public init(verificationRequestMinutes: Int = 30, checkRequestMinutes: Int = 30, closeMinutes: Int = 60) {
        self.verificationRequestMinutes = verificationRequestMinutes
        self.checkRequestMinutes = checkRequestMinutes
        self.closeMinutes = closeMinutes
    }
}
