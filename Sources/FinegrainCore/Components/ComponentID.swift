import Foundation

/// 管理部件标识码: the identifier every management component (井盖, 路灯, 行道树 …) carries for life.
///
/// Why a type: the ID is not an opaque key — it encodes the county that owns the component, its
/// class and a serial — and both the current and the replaced standard are in use, so parsing once
/// here keeps every caller from slicing strings.
///
/// - New, GB/T 47678.5-2026: **17 digits** = 6-digit county-level admin code (GB/T 2260) +
///   2-digit major class + 3-digit minor class + 6-digit serial.
/// - Legacy, GB/T 30428.2-2013 / CJ/T 214: **16 digits** = 6 admin + 2 major + 2 minor + 6 serial.
///
/// The admin code must be county level: province part 11…82 and the last two digits not `00`
/// (`320500` is the city of Suzhou, `320508` its 姑苏区). The serial is never `000000`.
/// Ordering is by the text, which for IDs of the same form is county, class, serial.
///
/// ```swift
/// let legacy = try ComponentID("3205080101000001")   // 苏州姑苏区 · 0101 上水井盖 · 1
/// legacy.isLegacy      // true
/// legacy.classCode     // "0101"
/// let cover = try ComponentID.make(adminCode: "370303", classCode: "01001", serial: 42)
/// cover.text           // "37030301001000042"
/// ```
public struct ComponentID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The 16 or 17 digits.
    public let text: String

    /// The length of a GB/T 47678.5-2026 ID.
    public static let length = 17
    /// The length of a GB/T 30428.2-2013 (CJ/T 214) ID.
    public static let legacyLength = 16
    /// The largest serial, `999999`.
    public static let maxSerial = 999_999

    /// Parses and checks an ID; surrounding whitespace is ignored.
    ///
    /// Throws the first thing wrong, checked in this order: digits, length, admin code, serial.
    public init(_ text: String) throws(ComponentIDError) {
        let trimmed = text.trimmed()
        guard trimmed.unicodeScalars.allSatisfy(Self.isDigit) else { throw .notDigits(trimmed) }
        let count = trimmed.unicodeScalars.count
        guard count == Self.length || count == Self.legacyLength else { throw .wrongLength(trimmed, count: count) }
        try Self.checkAdminCode(String(trimmed.prefix(6)))
        guard !trimmed.hasSuffix("000000") else { throw .zeroSerial(trimmed) }
        self.text = trimmed
    }

    /// Mints a new-standard (17-digit) ID.
    ///
    /// - Parameters:
    ///   - adminCode: the 6-digit county-level admin code, e.g. `370303` (张店区).
    ///   - classCode: the 5-digit GB/T 47678.5-2026 class code, e.g. `01001` (供水井盖). Legacy
    ///     4-digit codes are refused: new IDs are always minted in the current form.
    ///   - serial: 1…999999.
    public static func make(adminCode: String, classCode: String, serial: Int) throws(ComponentIDError) -> ComponentID {
        guard adminCode.unicodeScalars.count == 6, adminCode.unicodeScalars.allSatisfy(isDigit) else {
            throw .adminCodeNotSixDigits(adminCode)
        }
        try checkAdminCode(adminCode)
        guard classCode.unicodeScalars.count == 5, classCode.unicodeScalars.allSatisfy(isDigit) else {
            throw .invalidClassCode(classCode)
        }
        guard (1...maxSerial).contains(serial) else { throw .serialOutOfRange(serial) }
        let digits = String(serial)
        return try ComponentID(adminCode + classCode + String(repeating: "0", count: 6 - digits.count) + digits)
    }

    /// `true` for a 16-digit GB/T 30428.2-2013 ID.
    public var isLegacy: Bool { text.utf8.count == Self.legacyLength }

    /// The county-level admin code, the first 6 digits.
    public var adminCode: String { String(text.prefix(6)) }

    /// The class code: 5 digits (new) or 4 (legacy), e.g. `01001` or `0101`.
    public var classCode: String { String(text.dropFirst(6).prefix(isLegacy ? 4 : 5)) }

    /// The major class (大类), 2 digits.
    public var majorCode: String { String(text.dropFirst(6).prefix(2)) }

    /// The minor class (小类), 3 digits (new) or 2 (legacy).
    public var minorCode: String { String(classCode.dropFirst(2)) }

    /// The serial, 1…999999.
    public var serial: Int { Int(text.suffix(6)) ?? 0 }

    public var description: String { text }

    public static func < (lhs: ComponentID, rhs: ComponentID) -> Bool { lhs.text < rhs.text }

    /// Decodes from the ID text, checking it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        do {
            try self.init(raw)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as the ID text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// Province part 11…82, county part not `00`.
    private static func checkAdminCode(_ code: String) throws(ComponentIDError) {
        guard let province = Int(code.prefix(2)), (11...82).contains(province) else { throw .provinceOutOfRange(adminCode: code) }
        guard !code.hasSuffix("00") else { throw .notCountyLevel(adminCode: code) }
    }
}

/// Why a text is not a component ID, or why one cannot be minted; in English (``description``) and
/// Chinese (``descriptionZH``) because collectors and GIS staff read the Chinese.
///
/// ```swift
/// do { _ = try ComponentID("320500010100001") }
/// catch { print(error.descriptionZH) }   // 部件标识码“320500010100001”应为 17 位（或旧标准 16 位），实为 15 位
/// ```
public enum ComponentIDError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not 17 (or legacy 16) digits long.
    case wrongLength(String, count: Int)
    /// Contains something other than the digits 0–9.
    case notDigits(String)
    /// The first two digits are not a province code 11…82.
    case provinceOutOfRange(adminCode: String)
    /// The admin code ends in `00`: a city or province, not a county-level division.
    case notCountyLevel(adminCode: String)
    /// The serial is `000000`.
    case zeroSerial(String)
    /// ``ComponentID/make(adminCode:classCode:serial:)`` was given an admin code that is not 6 digits.
    case adminCodeNotSixDigits(String)
    /// ``ComponentID/make(adminCode:classCode:serial:)`` was given a class code that is not 5 digits.
    case invalidClassCode(String)
    /// ``ComponentID/make(adminCode:classCode:serial:)`` was given a serial outside 1…999999.
    case serialOutOfRange(Int)

    /// English.
    public var description: String {
        switch self {
        case .wrongLength(let text, let count):
            "component ID \"\(text)\" must have 17 digits (or 16 in the legacy form), not \(count)"
        case .notDigits(let text): "component ID \"\(text)\" must contain only digits"
        case .provinceOutOfRange(let code): "admin code \"\(code)\" does not start with a province code 11–82"
        case .notCountyLevel(let code): "admin code \"\(code)\" is not county level (it ends in 00)"
        case .zeroSerial(let text): "component ID \"\(text)\" has serial 000000; serials start at 000001"
        case .adminCodeNotSixDigits(let code): "admin code \"\(code)\" must be 6 digits"
        case .invalidClassCode(let code): "class code \"\(code)\" must be 5 digits (GB/T 47678.5-2026)"
        case .serialOutOfRange(let serial): "serial \(serial) is outside 1–999999"
        }
    }

    /// Chinese.
    public var descriptionZH: String {
        switch self {
        case .wrongLength(let text, let count): "部件标识码“\(text)”应为 17 位（或旧标准 16 位），实为 \(count) 位"
        case .notDigits(let text): "部件标识码“\(text)”只能包含数字"
        case .provinceOutOfRange(let code): "行政区划代码“\(code)”的省级代码不在 11–82 之间"
        case .notCountyLevel(let code): "行政区划代码“\(code)”不是县级代码（末两位为 00）"
        case .zeroSerial(let text): "部件标识码“\(text)”的顺序码为 000000，应从 000001 开始"
        case .adminCodeNotSixDigits(let code): "行政区划代码“\(code)”应为 6 位数字"
        case .invalidClassCode(let code): "分类代码“\(code)”应为 5 位数字（GB/T 47678.5-2026）"
        case .serialOutOfRange(let serial): "顺序码 \(serial) 不在 1–999999 之间"
        }
    }
}
