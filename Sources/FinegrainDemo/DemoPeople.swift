public import FinegrainCore

/// 演示用户 (the demo city's people): one user per role and scope, and the departments they work
/// in, so that every role can be tried at once. Every demo account shares ``password``, which is
/// documented (README) and therefore marked as a default password: a server started without
/// `--demo` refuses to run while any enabled account still has it.
///
/// The departments' unified social credit codes are invented, with correct check characters;
/// they are not real organisations' codes.
///
/// ```swift
/// DemoPeople.users.first { $0.username == "inspector" }?.grants   // inspector of one 张店区 grid
/// ```
public enum DemoPeople {
    /// The documented password of every demo account.
    public static let password = "Zibo-Demo-2026!"

    /// Demo departments, by id.
    public static let departments: [Department] = [
        department("dept-city-bureau", "淄博市城市管理局", .professional, org: "MB2850001", region: "370300"),
        department("dept-zd-sanitation", "张店区环卫服务中心", .disposalUnit, org: "MB2850012", region: "370303", parent: "dept-city-bureau"),
        department("dept-zd-municipal", "张店区市政设施维护中心", .disposalUnit, org: "MB2850020", region: "370303", parent: "dept-city-bureau"),
        department("dept-zc-municipal", "淄川区市政设施维护中心", .disposalUnit, org: "MB2850039", region: "370302", parent: "dept-city-bureau"),
        department("dept-zc-landscape", "淄川区园林绿化中心", .professional, org: "MB2850047", region: "370302", parent: "dept-city-bureau"),
    ]

    /// Demo users with their grants (ids are stable, so reloading does not duplicate them).
    public static let users: [UserAccount] = [
        user("admin", "演示管理员（全市）", [Grant(role: .administrator, regionCode: "370300")]),
        user("zd-admin", "张店区管理员", [Grant(role: .administrator, regionCode: "370303")]),
        user("operator", "受理员 王敏", [Grant(role: .operator_, regionCode: "370300")]),
        user("shift-leader", "值班长 刘强", [Grant(role: .shiftLeader, regionCode: "370300")]),
        user("dispatcher", "派遣员 陈静", [Grant(role: .dispatcher, regionCode: "370300")]),
        user("inspector", "监督员 张伟（车站街道网格）", [Grant(role: .inspector, regionCode: "370303001005132")]),
        user(
            "zd-handler", "张店区环卫 李娜", [Grant(role: .departmentHandler, regionCode: "370303", departmentID: "dept-zd-sanitation")],
            department: "dept-zd-sanitation"),
        user(
            "zc-handler", "淄川区市政 赵磊", [Grant(role: .departmentHandler, regionCode: "370302", departmentID: "dept-zc-municipal")],
            department: "dept-zc-municipal"),
        user("evaluator", "考评员 孙丽", [Grant(role: .evaluator, regionCode: "370300")]),
        user("leader", "分管领导 周洋", [Grant(role: .leader, regionCode: "370300")]),
        user("road-chief", "路长 吴刚（车站街道）", [Grant(role: .roadChief, regionCode: "370303001")]),
        user("enforcer", "执法队员 郑浩（张店区）", [Grant(role: .enforcementOfficer, regionCode: "370303")]),
        user("citizen", "市民 钱多多", [Grant(role: .citizen)]),
    ]

    /// 演示权责清单: who handles what in the demo city (illustrative, not Zibo's real list), so that
    /// dispatchers see a suggestion: 张店区's street order and appearance to sanitation, its
    /// facilities to municipal maintenance, 淄川区 likewise, and the city bureau for the rest.
    public static let responsibilityRules: [ResponsibilityRule] = [
        ResponsibilityRule(id: "demo-rule-zd-06", classKind: .matter, codePrefix: "06", regionCode: "370303", departmentID: "dept-zd-sanitation", priority: 10, note: "市容环境"),
        ResponsibilityRule(id: "demo-rule-zd-09", classKind: .matter, codePrefix: "09", regionCode: "370303", departmentID: "dept-zd-sanitation", priority: 10, note: "街面秩序"),
        ResponsibilityRule(id: "demo-rule-zd-01", classKind: .matter, codePrefix: "01", regionCode: "370303", departmentID: "dept-zd-municipal", priority: 10, note: "公用设施"),
        ResponsibilityRule(id: "demo-rule-zd-c01", classKind: .component, codePrefix: "01", regionCode: "370303", departmentID: "dept-zd-municipal", priority: 10, note: "公用设施部件"),
        ResponsibilityRule(id: "demo-rule-zc-06", classKind: .matter, codePrefix: "06", regionCode: "370302", departmentID: "dept-zc-municipal", priority: 10, note: "市容环境"),
        ResponsibilityRule(id: "demo-rule-zc-05", classKind: nil, codePrefix: "05", regionCode: "370302", departmentID: "dept-zc-landscape", priority: 10, note: "园林绿化"),
        ResponsibilityRule(id: "demo-rule-city", classKind: nil, codePrefix: "", regionCode: nil, departmentID: "dept-city-bureau", priority: 1, note: "兜底：市城市管理局"),
    ]

    private static func department(_ id: String, _ name: String, _ kind: Department.Kind, org: String, region: String, parent: String? = nil)
        -> Department
    {
        let first17 = "12" + region + org
        let code = CreditCode.checkCharacter(for: first17).map { first17 + String($0) }
        return Department(id: id, name: name, kind: kind, creditCode: code, parentID: parent, regionCode: region)
    }

    private static func user(_ username: String, _ name: String, _ grants: [Grant], department: String? = nil) -> UserAccount {
        UserAccount(
            id: "demo-\(username)", username: username, displayName: name, departmentID: department, mustChangePassword: false,
            passwordIsDefault: true, grants: grants.enumerated().map { i, g in
                var grant = g
                grant.id = "demo-\(username)-\(i + 1)"
                return grant
            })
    }
}
