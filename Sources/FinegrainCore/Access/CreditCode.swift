/// 统一社会信用代码 (unified social credit code, GB 32100-2015): the 18-character identifier of
/// every Chinese organisation, with a check character.
///
/// Layout: registration authority (1) · organisation type (1) · division code (6) · organisation
/// code (9) · check (1), over the alphabet `0-9 A-H J-N P-R T-U W-Y` (no I, O, S, V, Z).
///
/// ```swift
/// try CreditCode("9144030071526726XG")      // a real code; throws if the check character is wrong
/// CreditCode.checkCharacter(for: "91370303MA3C4XUL5")   // "2"
/// ```
public struct CreditCode: Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    public init(_ text: String) throws(CreditCodeError) {
        let upper = text.uppercased()
        let chars = Array(upper)
        guard chars.count == 18 else { throw CreditCodeError(code: text, reason: "must have 18 characters, not \(chars.count)", reasonZH: "应为 18 位") }
        guard chars.allSatisfy({ Self.alphabet.contains($0) }) else {
            throw CreditCodeError(code: text, reason: "may use only 0-9 and A-Y without I, O, S, V, Z", reasonZH: "只能包含数字和除 I、O、S、V、Z 以外的大写字母")
        }
        guard let expected = Self.checkCharacter(for: String(chars.prefix(17))), expected == chars[17] else {
            throw CreditCodeError(code: text, reason: "check character is wrong", reasonZH: "校验码错误")
        }
        rawValue = upper
    }

    public var description: String { rawValue }

    /// The check character for the first 17 characters, or `nil` if they are not from the alphabet.
    public static func checkCharacter(for first17: String) -> Character? {
        let chars = Array(first17.uppercased())
        guard chars.count == 17 else { return nil }
        var sum = 0
        for (i, c) in chars.enumerated() {
            guard let value = alphabet.firstIndex(of: c) else { return nil }
            sum += value * weights[i]
        }
        return alphabet[(31 - sum % 31) % 31]
    }
}

/// Why a text is not a unified social credit code.
public struct CreditCodeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var reason: String
    public var reasonZH: String
    public var description: String { "credit code \"\(code)\": \(reason)" }
}
