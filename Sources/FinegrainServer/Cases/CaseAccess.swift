import FinegrainCore
import FinegrainStore

/// Who may see and act on which cases.
///
/// - A **citizen** sees the cases they reported.
/// - A **department handler** sees the cases dispatched to their department (within their region).
/// - Everyone else with `cases.read` sees the cases in their regions (a city-wide grant: all).
/// - To **act**, a grant must hold a role that ``WorkflowRules`` allows for the step and reach the
///   case the same way.
/// - A reporter's **name and phone** are shown only to operators reaching the case and to the
///   handlers of the case's department.
extension AccessControl {
    /// Whether a grant reaches a case.
    func grant(_ grant: Grant, reaches c: Case, hierarchy: some RegionHierarchy, userID: String) -> Bool {
        switch grant.role {
        case .citizen:
            return c.reporterUserID == userID
        case .departmentHandler:
            guard let department = grant.departmentID, c.departmentID == department else { return false }
            fallthrough
        default:
            guard let root = grant.regionCode else { return true }
            guard let region = c.regionCode else { return hierarchy.level(of: root) == .city }
            return hierarchy.isWithin(region, root)
        }
    }

    /// Whether the caller may see `c`.
    func canSee(_ c: Case, _ principal: Principal) async -> Bool {
        let locator = await index.locator
        return principal.grants(with: .casesRead, policy: policy).contains { grant($0, reaches: c, hierarchy: locator, userID: principal.userID) }
    }

    /// The grant the caller acts through for `command` on `c`, if any.
    func actingGrant(for command: CaseCommand.Kind, on c: Case, _ principal: Principal, rules: WorkflowRules) async -> Grant? {
        let locator = await index.locator
        let roles = rules.rules[command]?.roles ?? []
        return principal.grants(with: .casesWork, policy: policy).first {
            roles.contains($0.role) && grant($0, reaches: c, hierarchy: locator, userID: principal.userID)
        }
    }

    /// Whether the caller may see the reporter's personal data on `c`.
    func mayViewReporter(_ c: Case, _ principal: Principal) async -> Bool {
        let locator = await index.locator
        return principal.grants(with: .casesRead, policy: policy).contains { g in
            (g.role == .operator_ || g.role == .administrator || (g.role == .departmentHandler && g.departmentID != nil))
                && grant(g, reaches: c, hierarchy: locator, userID: principal.userID)
        } || c.reporterUserID == principal.userID
    }

    /// The search restriction for the caller: `nil` regions means no region limit.
    func caseScope(_ principal: Principal) async -> (regions: [String]?, departmentID: String?, reporterUserID: String?) {
        let locator = await index.locator
        let grants = principal.grants(with: .casesRead, policy: policy)
        let regional = grants.filter { $0.role != .citizen && $0.role != .departmentHandler }
        if !regional.isEmpty {
            if regional.contains(where: { $0.regionCode == nil || locator.level(of: $0.regionCode ?? "") == .city }) {
                return (nil, nil, nil)
            }
            var codes: [String] = []
            for grant in regional {
                guard let code = grant.regionCode else { continue }
                if locator.level(of: code) == .zone {
                    codes += locator.children(of: code).map(\.code)
                } else {
                    codes.append(code)
                }
            }
            return (codes, nil, nil)
        }
        if let handler = grants.first(where: { $0.role == .departmentHandler && $0.departmentID != nil }) {
            return (handler.regionCode.map { [$0] }, handler.departmentID, nil)
        }
        return (nil, nil, principal.userID)
    }
}
