/// Compares two secrets (tokens, hashes) in time that does not depend on where they differ, so a
/// caller cannot learn a secret byte by byte from response times.
///
/// ```swift
/// constantTimeEquals(presentedToken, storedToken)
/// ```
public func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in x.indices { difference |= x[i] ^ y[i] }
    return difference == 0
}
