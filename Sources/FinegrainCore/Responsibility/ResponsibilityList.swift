import Foundation

/// 权责清单 rule: classes (by kind and code prefix) in a region subtree belong to a department,
/// with a priority and a validity period.
///
/// ```swift
/// ResponsibilityRule(id: "r1", classKind: .component, codePrefix: "01", regionCode: "370303",
///                    departmentID: "dept-zd-municipal", priority: 10)
/// ```
public struct ResponsibilityRule: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    /// `nil`: components and matters alike.
    public var classKind: ClassKind?
    /// Class codes starting with this (empty: every class).
    public var codePrefix: String
    /// The region subtree (`nil`: the whole city).
    public var regionCode: String?
    /// Only cases about a component whose owner (权属单位) or maintainer (养护单位) has this credit code.
    public var componentPartyCode: String?
    public var departmentID: String
    /// Higher wins among matching rules; then the longer prefix, then the smaller region.
    public var priority: Int
    /// Local dates, inclusive; `nil` is open-ended.
    public var validFrom: LocalDate?
    public var validTo: LocalDate?
    public var note: String?

    public init(
        id: String, classKind: ClassKind? = nil, codePrefix: String = "", regionCode: String? = nil, componentPartyCode: String? = nil,
        departmentID: String, priority: Int = 0, validFrom: LocalDate? = nil, validTo: LocalDate? = nil, note: String? = nil
    ) {
        self.id = id
        self.componentPartyCode = componentPartyCode
        self.classKind = classKind
        self.codePrefix = codePrefix
        self.regionCode = regionCode
        self.departmentID = departmentID
        self.priority = priority
        self.validFrom = validFrom
        self.validTo = validTo
        self.note = note
    }

    public func isValid(on date: LocalDate) -> Bool {
        (validFrom.map { $0 <= date } ?? true) && (validTo.map { date <= $0 } ?? true)
    }
}

/// 权责清单 (the responsibility list): which department a case belongs to, and where the list has
/// gaps or conflicts.
///
/// ```swift
/// let list = ResponsibilityList(rules: rules)
/// let suggestion = list.suggest(kind: .matter, code: "06001", region: "370303001001001", on: today, hierarchy: locator)
/// ```
public struct ResponsibilityList: Sendable {
    public var rules: [ResponsibilityRule]

    public init(rules: [ResponsibilityRule]) { self.rules = rules }

    /// The rules that apply, best first. `componentParties` are the owner's and maintainer's credit
    /// codes of the component the case is about; rules naming a party apply only to those, and rank
    /// above rules that do not.
    public func matching(
        kind: ClassKind, code: String, region: String?, componentParties: Set<String> = [], on date: LocalDate, hierarchy: some RegionHierarchy
    ) -> [ResponsibilityRule] {
        rules.filter { rule in
            rule.isValid(on: date) && (rule.classKind == nil || rule.classKind == kind) && code.hasPrefix(rule.codePrefix)
                && (rule.regionCode == nil || region.map { hierarchy.isWithin($0, rule.regionCode ?? "") } == true)
                && (rule.componentPartyCode.map(componentParties.contains) ?? true)
        }.sorted { a, b in
            if a.priority != b.priority { return a.priority > b.priority }
            if (a.componentPartyCode != nil) != (b.componentPartyCode != nil) { return a.componentPartyCode != nil }
            if a.codePrefix.count != b.codePrefix.count { return a.codePrefix.count > b.codePrefix.count }
            let da = a.regionCode.flatMap { hierarchy.level(of: $0)?.depth } ?? -1
            let db = b.regionCode.flatMap { hierarchy.level(of: $0)?.depth } ?? -1
            if da != db { return da > db }
            return a.id < b.id
        }
    }

    /// The suggested department, if any rule applies.
    public func suggest(
        kind: ClassKind, code: String, region: String?, componentParties: Set<String> = [], on date: LocalDate, hierarchy: some RegionHierarchy
    ) -> ResponsibilityRule? {
        matching(kind: kind, code: code, region: region, componentParties: componentParties, on: date, hierarchy: hierarchy).first
    }

    /// A gap or a conflict in the list.
    public struct Finding: Sendable, Hashable {
        public enum Kind: String, Sendable { case missing, overlapping }
        public var kind: Kind
        public var classKind: ClassKind
        public var classCode: String
        public var regionCode: String
        /// For overlaps: the rules that tie.
        public var ruleIDs: [String]
    }

    /// Checks every class in every region: `missing` where no rule applies, `overlapping` where the
    /// best rules tie (same priority, prefix length and region depth) but name different departments.
    public func coverage(
        classes: [(kind: ClassKind, code: String)], regions: [String], on date: LocalDate, hierarchy: some RegionHierarchy
    ) -> [Finding] {
        var findings: [Finding] = []
        for region in regions {
            for c in classes {
                let found = matching(kind: c.kind, code: c.code, region: region, on: date, hierarchy: hierarchy)
                guard let best = found.first else {
                    findings.append(Finding(kind: .missing, classKind: c.kind, classCode: c.code, regionCode: region, ruleIDs: []))
                    continue
                }
                let depth = { (r: ResponsibilityRule) in r.regionCode.flatMap { hierarchy.level(of: $0)?.depth } ?? -1 }
                let ties = found.filter { $0.priority == best.priority && $0.codePrefix.count == best.codePrefix.count && depth($0) == depth(best) }
                if Set(ties.map(\.departmentID)).count > 1 {
                    findings.append(Finding(kind: .overlapping, classKind: c.kind, classCode: c.code, regionCode: region, ruleIDs: ties.map(\.id)))
                }
            }
        }
        return findings
    }
}
