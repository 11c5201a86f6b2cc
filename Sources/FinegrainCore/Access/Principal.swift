/// 调用者 (principal): who is calling, with their grants, as the server resolved them from a
/// session cookie or an API key. Every authorization decision is a question to a principal.
///
/// ```swift
/// if principal.has(.usersManage, policy: .standard) { … }
/// principal.covers(region: "370303001", for: .usersRead, policy: .standard, hierarchy: locator)
/// ```
public struct Principal: Sendable, Hashable {
    /// How the caller proved who they are.
    public enum Credential: Sendable, Hashable {
        /// A console session (cookie); unsafe requests must carry its CSRF token.
        case session(id: String, csrfToken: String)
        /// An API key; `permissions` limits it below its user's, when set.
        case apiKey(id: String, permissions: Set<Permission>?)
    }

    public var userID: String
    public var username: String
    public var displayName: String
    public var grants: [Grant]
    /// Set on initial or reset passwords: until changed, only `.authenticated` routes answer.
    public var mustChangePassword: Bool
    public var credential: Credential

    public init(
        userID: String, username: String, displayName: String, grants: [Grant], mustChangePassword: Bool, credential: Credential
    ) {
        self.userID = userID
        self.username = username
        self.displayName = displayName
        self.grants = grants
        self.mustChangePassword = mustChangePassword
        self.credential = credential
    }

    /// The grants whose role holds `permission` (and that the credential does not exclude).
    public func grants(with permission: Permission, policy: AccessPolicy) -> [Grant] {
        if case .apiKey(_, let limit?) = credential, !limit.contains(permission), permission != .public { return [] }
        if permission == .public || permission == .authenticated { return grants.isEmpty ? [Grant(role: .citizen)] : grants }
        return grants.filter { policy.permissions(of: $0.role).contains(permission) }
    }

    /// Whether any grant holds `permission`, regardless of scope.
    public func has(_ permission: Permission, policy: AccessPolicy) -> Bool {
        !grants(with: permission, policy: policy).isEmpty
    }

    /// Whether a grant holding `permission` reaches `region` (its region is an ancestor of, or is,
    /// `region`; an unscoped grant reaches everything).
    public func covers(region: String, for permission: Permission, policy: AccessPolicy, hierarchy: some RegionHierarchy) -> Bool {
        grants(with: permission, policy: policy).contains { grant in
            guard let root = grant.regionCode else { return true }
            return hierarchy.isWithin(region, root)
        }
    }

    /// Whether a grant holding `permission` is unscoped or rooted at a city (reaches every region).
    public func isCityWide(for permission: Permission, policy: AccessPolicy, hierarchy: some RegionHierarchy) -> Bool {
        grants(with: permission, policy: policy).contains { grant in
            guard let root = grant.regionCode else { return true }
            return hierarchy.level(of: root) == .city
        }
    }
}

/// Answers "is this region inside that one?" through management and official parents alike, so a
/// grant on a functional zone reaches the subdistricts it manages, and a grant on a county still
/// reaches its subdistricts that a zone took over.
public protocol RegionHierarchy: Sendable {
    /// `true` if `code` is `root` or lies below it.
    func isWithin(_ code: String, _ root: String) -> Bool
    /// The level of a region, if known.
    func level(of code: String) -> RegionLevel?
}

extension RegionLocator: RegionHierarchy {
    public func isWithin(_ code: String, _ root: String) -> Bool {
        var pending = [code]
        var seen: Set<String> = []
        while let current = pending.popLast() {
            if current == root { return true }
            guard seen.insert(current).inserted, let region = region(current) else { continue }
            if let parent = region.parentCode { pending.append(parent) }
            if let official = region.divisionParentCode { pending.append(official) }
        }
        return false
    }

    public func level(of code: String) -> RegionLevel? { region(code)?.level }
}
