/// 部门 (department): a 专业部门 (professional department, e.g. the municipal facilities bureau) or
/// a 处置单位 (disposal unit that fixes problems on the ground), with its unified social credit
/// code, parent department and home region.
///
/// ```swift
/// Department(id: "…", name: "淄川区市政设施中心", kind: .disposalUnit, creditCode: "…", parentID: nil, regionCode: "370302")
/// ```
public struct Department: Sendable, Hashable, Codable, Identifiable {
    /// 专业部门 or 处置单位.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case professional
        case disposalUnit = "disposal_unit"

        public var nameZH: String { self == .professional ? "专业部门" : "处置单位" }
    }

    public var id: String
    public var name: String
    public var kind: Kind
    /// 统一社会信用代码, validated by ``CreditCode``.
    public var creditCode: String?
    public var parentID: String?
    /// The region the department serves.
    public var regionCode: String?
    public var active: Bool

    public init(id: String, name: String, kind: Kind, creditCode: String?, parentID: String?, regionCode: String?, active: Bool = true) {
        self.id = id
        self.name = name
        self.kind = kind
        self.creditCode = creditCode
        self.parentID = parentID
        self.regionCode = regionCode
        self.active = active
    }
}

/// 用户 (user account), without its password hash.
public struct UserAccount: Sendable, Hashable, Identifiable {
    public var id: String
    public var username: String
    public var displayName: String
    public var phone: String?
    public var departmentID: String?
    public var disabled: Bool
    public var mustChangePassword: Bool
    /// The password is a documented default (demo accounts): a non-demo server refuses to start.
    public var passwordIsDefault: Bool
    public var grants: [Grant]
    public var createdAt: String
    public var lastLoginAt: String?

    public init(
        id: String, username: String, displayName: String, phone: String? = nil, departmentID: String? = nil, disabled: Bool = false,
        mustChangePassword: Bool = false, passwordIsDefault: Bool = false, grants: [Grant] = [], createdAt: String = "",
        lastLoginAt: String? = nil
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.phone = phone
        self.departmentID = departmentID
        self.disabled = disabled
        self.mustChangePassword = mustChangePassword
        self.passwordIsDefault = passwordIsDefault
        self.grants = grants
        self.createdAt = createdAt
        self.lastLoginAt = lastLoginAt
    }
}
