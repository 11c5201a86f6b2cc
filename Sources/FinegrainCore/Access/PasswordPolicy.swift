/// 密码强度 (password strength): the minimum a password must meet, with reasons a person can act on.
///
/// At least 10 characters (and at most 72 bytes, bcrypt's limit), at least three of lower case,
/// upper case, digits and symbols, not containing the username, and not one of the passwords
/// every attacker tries first.
///
/// ```swift
/// PasswordPolicy.standard.problems(in: "zibo2026", username: "li")   // ["at least 10 characters", …]
/// ```
public struct PasswordPolicy: Sendable {
    public var minimumLength: Int
    public var minimumClasses: Int

    public static let standard = PasswordPolicy(minimumLength: 10, minimumClasses: 3)

    public init(minimumLength: Int, minimumClasses: Int) {
        self.minimumLength = minimumLength
        self.minimumClasses = minimumClasses
    }

    /// A problem with a password, in English and Chinese.
    public struct Problem: Sendable, Hashable {
        public var en: String
        public var zh: String
    }

    /// Everything wrong with `password`; empty when it is acceptable.
    public func problems(in password: String, username: String) -> [Problem] {
        var problems: [Problem] = []
        if password.count < minimumLength {
            problems.append(Problem(en: "must have at least \(minimumLength) characters", zh: "至少 \(minimumLength) 个字符"))
        }
        if password.utf8.count > 72 {
            problems.append(Problem(en: "must have at most 72 bytes", zh: "不能超过 72 字节"))
        }
        let classes = [
            password.contains { $0.isLowercase }, password.contains { $0.isUppercase }, password.contains { $0.isNumber },
            password.contains { !$0.isLetter && !$0.isNumber },
        ].filter { $0 }.count
        if classes < minimumClasses {
            problems.append(
                Problem(
                    en: "must mix at least \(minimumClasses) of: lower case, upper case, digits, symbols",
                    zh: "须包含小写字母、大写字母、数字、符号中的至少 \(minimumClasses) 类"))
        }
        if !username.isEmpty, password.lowercased().contains(username.lowercased()) {
            problems.append(Problem(en: "must not contain the username", zh: "不能包含用户名"))
        }
        let lowered = password.lowercased()
        if let word = Self.common.first(where: { lowered.contains($0) }) {
            problems.append(Problem(en: "is too easy to guess (contains \"\(word)\")", zh: "过于常见，容易被猜到（包含“\(word)”）"))
        }
        return problems
    }

    static let common = ["password", "123456", "qwerty", "admin", "abc123", "111111", "iloveyou", "welcome", "letmein", "p@ssw0rd"]
}
