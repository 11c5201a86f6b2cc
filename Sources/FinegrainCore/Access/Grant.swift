/// 授权 (grant): a role held over a scope — a region subtree, a department, or both.
///
/// An inspector of one 张店区 grid, a 淄川区 department handler, the city's shift leader:
///
/// ```swift
/// Grant(role: .inspector, regionCode: "370303001005132")
/// Grant(role: .departmentHandler, regionCode: "370302", departmentID: roads.id)
/// Grant(role: .shiftLeader, regionCode: "370300")
/// ```
///
/// A grant with neither region nor department is unscoped: it reaches the whole platform.
public struct Grant: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var role: Role
    /// The root of the region subtree the grant covers.
    public var regionCode: String?
    /// The department the grant acts for.
    public var departmentID: String?

    public init(id: String = "", role: Role, regionCode: String? = nil, departmentID: String? = nil) {
        self.id = id
        self.role = role
        self.regionCode = regionCode
        self.departmentID = departmentID
    }
}
