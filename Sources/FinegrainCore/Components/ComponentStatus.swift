import Foundation

/// 管理部件状态: the condition of a component, one of the five words of GB/T 47678.5-2026 表2.
///
/// Why an enum: the status drives work (a 破损 cover opens a case, a 移除 one leaves the map), so
/// it must be one of the known values. The raw values are English for the API; imports and the
/// UI use the Chinese words, read with ``init(chinese:)``.
///
/// ```swift
/// ComponentStatus(chinese: "破损")      // .damaged
/// ComponentStatus.lost.nameZH          // "丢失"
/// ComponentStatus(name: "Removed")     // .removed (English or Chinese)
/// ```
public enum ComponentStatus: String, Codable, CaseIterable, Sendable {
    /// 完好: in good order.
    case intact
    /// 破损: damaged, needs repair.
    case damaged
    /// 丢失: missing (a stolen cover, say).
    case lost
    /// 废弃: out of use but still in place.
    case abandoned
    /// 移除: taken away; kept in the register for history.
    case removed

    /// The Chinese word of the standard: 完好, 破损, 丢失, 废弃 or 移除.
    public var nameZH: String {
        switch self {
        case .intact: "完好"
        case .damaged: "破损"
        case .lost: "丢失"
        case .abandoned: "废弃"
        case .removed: "移除"
        }
    }

    /// The status for its Chinese word (surrounding whitespace ignored); `nil` for anything else.
    public init?(chinese: String) {
        let word = chinese.trimmed()
        guard let match = Self.allCases.first(where: { $0.nameZH == word }) else { return nil }
        self = match
    }

    /// The status for its English raw value (any letter case) or its Chinese word.
    public init?(name: String) {
        let word = name.trimmed()
        if let english = ComponentStatus(rawValue: word.lowercased()) {
            self = english
        } else {
            self.init(chinese: word)
        }
    }
}
