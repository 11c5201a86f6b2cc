import Crypto
import FinegrainCore
import Foundation

/// Random tokens and their one-way hashes. Session tokens and API-key secrets are stored only as
/// SHA-256 hashes: a stolen database yields no usable credential. (They are long random values,
/// so a fast hash suffices; passwords, which are not, use bcrypt.)
public enum Secrets {
    /// `bytes` random bytes from the system's CSPRNG, base64url without padding.
    static func token(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Lower-case hex SHA-256 of `text`.
    public static func hash(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).withUnsafeBytes { Hex.encode($0) }
    }
}
