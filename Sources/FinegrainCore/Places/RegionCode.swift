/// A validated region code (区划代码 / 网格编码), parsed into its parts.
///
/// The forms accepted (china-standards §1):
/// - **city** — six GB/T 2260 digits ending in `00`, e.g. `370300` 淄博市;
/// - **county** — six GB/T 2260 digits not ending in `00`, e.g. `370303` 张店区. Functional zones
///   use the same six-digit shape; by the 统计用区划代码 convention their fifth digit is `7`
///   (e.g. `370371`), but a zone's code is configuration, never inferred;
/// - **subdistrict** — nine digits: county (6) + 街道/乡镇 (3), GB/T 10114 style, e.g. `370303001`;
/// - **community** — twelve digits: subdistrict (9) + community (3);
/// - **grid, 15-character form** (DB11/T 2157, GB/T 47678.5 field): subdistrict (9) + community (3)
///   + sequence (3); the sequence may use `0-9A-Z` (GB/T 47678 allows upper-case letters);
/// - **grid, 14-digit legacy form** (CJ/T 213): subdistrict (9) + community (3) + sequence (2).
///   A legacy sequence `00` denotes the community itself and is not a grid.
///
/// ```swift
/// let code = try RegionCode("370303001002015")
/// code.form           // .grid15
/// code.countyCode     // "370303"
/// code.parentCode     // "370303001002"
/// ```
public struct RegionCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The shape of a code, which decides how it splits into parts.
    public enum Form: String, Sendable, Hashable {
        case city, county, subdistrict, community, grid14, grid15
    }

    /// The code as written.
    public let rawValue: String
    /// Its shape.
    public let form: Form

    /// Parses and validates `text`; throws a ``RegionCodeError`` that says what is wrong.
    public init(_ text: String) throws(RegionCodeError) {
        let chars = Array(text.utf8)
        func allDigits(_ range: Range<Int>) -> Bool { range.allSatisfy { chars[$0] >= 48 && chars[$0] <= 57 } }
        switch chars.count {
        case 6:
            guard allDigits(0..<6) else { throw RegionCodeError(code: text, reason: .notDigits) }
            let province = Int(text.prefix(2)) ?? 0
            guard (11...82).contains(province) else { throw RegionCodeError(code: text, reason: .badProvince) }
            if text.hasSuffix("0000") {
                throw RegionCodeError(code: text, reason: .provinceNotSupported)
            }
            form = text.hasSuffix("00") ? .city : .county
        case 9:
            guard allDigits(0..<9) else { throw RegionCodeError(code: text, reason: .notDigits) }
            guard !text.dropLast(3).hasSuffix("00") else { throw RegionCodeError(code: text, reason: .countyPartIsCity) }
            guard !text.hasSuffix("000") else { throw RegionCodeError(code: text, reason: .zeroSequence) }
            form = .subdistrict
        case 12:
            guard allDigits(0..<12) else { throw RegionCodeError(code: text, reason: .notDigits) }
            guard !text.hasSuffix("000") else { throw RegionCodeError(code: text, reason: .zeroSequence) }
            form = .community
        case 14:
            guard allDigits(0..<14) else { throw RegionCodeError(code: text, reason: .notDigits) }
            guard !text.hasSuffix("00") else { throw RegionCodeError(code: text, reason: .legacyCommunityMarker) }
            form = .grid14
        case 15:
            guard allDigits(0..<12) else { throw RegionCodeError(code: text, reason: .notDigits) }
            let seqOK = (12..<15).allSatisfy { (chars[$0] >= 48 && chars[$0] <= 57) || (chars[$0] >= 65 && chars[$0] <= 90) }
            guard seqOK else { throw RegionCodeError(code: text, reason: .badGridSequence) }
            guard !text.hasSuffix("000") else { throw RegionCodeError(code: text, reason: .zeroSequence) }
            form = .grid15
        default:
            throw RegionCodeError(code: text, reason: .badLength(chars.count))
        }
        if form != .city && form != .county {
            // Every longer code starts with a county-level code.
            let county = String(text.prefix(6))
            guard !county.hasSuffix("00"), (11...82).contains(Int(county.prefix(2)) ?? 0) else {
                throw RegionCodeError(code: text, reason: .countyPartIsCity)
            }
        }
        if form == .subdistrict || form == .community || form == .grid14 || form == .grid15 {
            guard !text.dropFirst(6).prefix(3).allSatisfy({ $0 == "0" }) else {
                throw RegionCodeError(code: text, reason: .zeroSequence)
            }
        }
        if form == .community || form == .grid14 || form == .grid15 {
            guard !text.dropFirst(9).prefix(3).allSatisfy({ $0 == "0" }) else {
                throw RegionCodeError(code: text, reason: .zeroSequence)
            }
        }
        rawValue = text
    }

    public var description: String { rawValue }

    /// The six-digit county-level part, or the city's code for a city.
    public var countyCode: String { String(rawValue.prefix(6)) }

    /// The GB/T 2260 prefecture (city) code this code belongs to, e.g. `370300`.
    public var cityCode: String { String(rawValue.prefix(4)) + "00" }

    /// The nine-digit subdistrict part, for subdistrict, community and grid codes.
    public var subdistrictCode: String? {
        switch form {
        case .city, .county: nil
        default: String(rawValue.prefix(9))
        }
    }

    /// The twelve-digit community part, for community and grid codes.
    public var communityCode: String? {
        switch form {
        case .community, .grid14, .grid15: String(rawValue.prefix(12))
        default: nil
        }
    }

    /// The grid sequence (`2` or `3` characters) for grid codes.
    public var gridSequence: String? {
        switch form {
        case .grid14, .grid15: String(rawValue.dropFirst(12))
        default: nil
        }
    }

    /// The code of the official (statistical) parent implied by the code's structure:
    /// a county's city, a subdistrict's county, a community's subdistrict, a grid's community.
    /// A city has none here (its province is outside the platform's tree).
    public var parentCode: String? {
        switch form {
        case .city: nil
        case .county: cityCode
        case .subdistrict: countyCode
        case .community: subdistrictCode
        case .grid14, .grid15: communityCode
        }
    }

    /// The management levels a code of this form can denote.
    public var possibleLevels: Set<RegionLevel> {
        switch form {
        case .city: [.city]
        case .county: [.district, .zone]
        case .subdistrict: [.subdistrict]
        case .community: [.community]
        case .grid14, .grid15: [.grid]
        }
    }

    /// The 15-character form of a legacy 14-digit grid code (sequence padded to three digits).
    public var grid15: RegionCode? {
        switch form {
        case .grid15: self
        case .grid14: try? RegionCode(String(rawValue.prefix(12)) + "0" + rawValue.dropFirst(12))
        default: nil
        }
    }

    public static func < (lhs: RegionCode, rhs: RegionCode) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Why a string is not a region code.
public struct RegionCodeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The specific fault.
    public enum Reason: Hashable, Sendable {
        case badLength(Int)
        case notDigits
        case badProvince
        case provinceNotSupported
        case countyPartIsCity
        case zeroSequence
        case legacyCommunityMarker
        case badGridSequence
    }

    /// The offending text.
    public let code: String
    /// What is wrong with it.
    public let reason: Reason

    public var description: String {
        switch reason {
        case .badLength(let n):
            "code \"\(code)\" has \(n) characters; expected 6 (city/county), 9 (subdistrict), 12 (community), 14 or 15 (grid)"
        case .notDigits: "code \"\(code)\" must consist of digits"
        case .badProvince: "code \"\(code)\" does not start with a GB/T 2260 province number (11–82)"
        case .provinceNotSupported: "code \"\(code)\" is a province; the tree starts at a city"
        case .countyPartIsCity: "code \"\(code)\" must start with a county-level code (its digits 5–6 are 00)"
        case .zeroSequence: "code \"\(code)\" has an all-zero sequence part"
        case .legacyCommunityMarker: "code \"\(code)\" ends in 00, which in the 14-digit form denotes a community, not a grid"
        case .badGridSequence: "code \"\(code)\": the grid sequence (last 3 characters) must be 0-9 or A-Z"
        }
    }

    /// The same message in Chinese.
    public var descriptionZH: String {
        switch reason {
        case .badLength(let n): "编码“\(code)”长度为 \(n)，应为 6（市/区县）、9（街道）、12（社区）、14 或 15（网格）位"
        case .notDigits: "编码“\(code)”只能由数字组成"
        case .badProvince: "编码“\(code)”不以 GB/T 2260 省级代码（11–82）开头"
        case .provinceNotSupported: "编码“\(code)”是省级代码，管理树从市级开始"
        case .countyPartIsCity: "编码“\(code)”的前 6 位必须是区县级代码"
        case .zeroSequence: "编码“\(code)”的顺序码全为 0"
        case .legacyCommunityMarker: "编码“\(code)”以 00 结尾，14 位旧式编码中表示社区本身而非网格"
        case .badGridSequence: "编码“\(code)”的网格顺序码（末 3 位）只能是 0-9 或 A-Z"
        }
    }
}
