import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird

/// A grant as the API shows and takes it.
struct GrantDTO: Codable, Sendable {
    var id: String?
    var role: Role
    var roleName: String?
    var regionCode: String?
    var departmentID: String?

    init(_ g: Grant) {
        id = g.id
        role = g.role
        roleName = g.role.nameZH
        regionCode = g.regionCode
        departmentID = g.departmentID
    }

    var grant: Grant { Grant(id: "", role: role, regionCode: regionCode, departmentID: departmentID) }

    enum CodingKeys: String, CodingKey {
        case id, role
        case roleName = "role_name"
        case regionCode = "region_code"
        case departmentID = "department_id"
    }
}

/// A user as the API shows it (never a password hash).
struct UserDTO: ResponseEncodable, Codable, Sendable {
    var id: String
    var username: String
    var displayName: String
    var phone: String?
    var departmentID: String?
    var disabled: Bool
    var mustChangePassword: Bool
    var passwordIsDefault: Bool
    var grants: [GrantDTO]
    var createdAt: String
    var lastLoginAt: String?

    init(_ u: UserAccount, showPhone: Bool) {
        id = u.id
        username = u.username
        displayName = u.displayName
        phone = showPhone ? u.phone : nil
        departmentID = u.departmentID
        disabled = u.disabled
        mustChangePassword = u.mustChangePassword
        passwordIsDefault = u.passwordIsDefault
        grants = u.grants.map(GrantDTO.init)
        createdAt = u.createdAt
        lastLoginAt = u.lastLoginAt
    }

    enum CodingKeys: String, CodingKey {
        case id, username, phone, disabled, grants
        case displayName = "display_name"
        case departmentID = "department_id"
        case mustChangePassword = "must_change_password"
        case passwordIsDefault = "password_is_default"
        case createdAt = "created_at"
        case lastLoginAt = "last_login_at"
    }
}

/// A department as the API shows and takes it.
struct DepartmentDTO: ResponseEncodable, Codable, Sendable {
    var id: String?
    var name: String
    var kind: Department.Kind
    var kindName: String?
    var creditCode: String?
    var parentID: String?
    var regionCode: String?
    var active: Bool?

    init(_ d: Department) {
        id = d.id
        name = d.name
        kind = d.kind
        kindName = d.kind.nameZH
        creditCode = d.creditCode
        parentID = d.parentID
        regionCode = d.regionCode
        active = d.active
    }

    enum CodingKeys: String, CodingKey {
        case id, name, kind, active
        case kindName = "kind_name"
        case creditCode = "credit_code"
        case parentID = "parent_id"
        case regionCode = "region_code"
    }
}

/// An API key as listed (the secret only in ``CreatedAPIKeyDTO``).
struct APIKeyDTO: ResponseEncodable, Codable, Sendable {
    var id: String
    var name: String
    var permissions: [String]?
    var createdAt: Date
    var expiresAt: Date
    var revokedAt: Date?
    var lastUsedAt: Date?

    init(_ k: APIKeyRecord) {
        id = k.id
        name = k.name
        permissions = k.permissions?.map(\.rawValue).sorted()
        createdAt = k.createdAt
        expiresAt = k.expiresAt
        revokedAt = k.revokedAt
        lastUsedAt = k.lastUsedAt
    }

    enum CodingKeys: String, CodingKey {
        case id, name, permissions
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case revokedAt = "revoked_at"
        case lastUsedAt = "last_used_at"
    }
}

/// The answer to creating a key: the only time the full key is shown.
struct CreatedAPIKeyDTO: ResponseEncodable {
    var key: APIKeyDTO
    var token: String
    var notice = "Store this key now: it is shown only once. 请立即保存此密钥，它只显示一次。"
}

/// A list with its total, for small unpaged collections.
struct ListDTO<Item: Codable & Sendable>: ResponseEncodable {
    var items: [Item]
    var total: Int
}

extension ListDTO {
    /// The whole collection: its total is its count.
    init(items: [Item]) { self.init(items: items, total: items.count) }
}
