@testable import FinegrainStore
import Foundation
import Testing

@Suite("Secrets — the SHA-256 digests stored for tokens and events")
struct SecretsTests {
    @Test("a digest is the lower-case hex of SHA-256 (FIPS 180-2's test vectors)")
    func digests() {
        #expect(Secrets.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Store.sha256(Data("abc".utf8)) == Secrets.hash("abc"))
    }
}
