/// The two kinds of class in the GB/T 47678.5-2026 directory: 管理部件 (components, physical things
/// the city owns or supervises) and 管理事项 (matters, the problems a case is opened for).
///
/// This closed enum is the standard's own split and nothing a city can extend; the **classes** under
/// each kind are data (see ``CatalogueClass``). Components and matters share one code space — the
/// component `01001` 供水井盖 and the matter `01001` 供水井盖异常 are different classes — so every key
/// includes the kind.
///
/// ```swift
/// ClassKind(rawValue: "matter")   // .matter
/// ClassKind.component.nameZH      // "部件"
/// ```
public enum ClassKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// 管理部件: a class of physical object (井盖, 路灯, 行道树 …).
    case component
    /// 管理事项 (legacy 事件): a class of problem (私搭乱建, 道路积雪、结冰 …).
    case matter

    /// The short Chinese name: 部件 or 事项.
    public var nameZH: String {
        switch self {
        case .component: "部件"
        case .matter: "事项"
        }
    }
}
