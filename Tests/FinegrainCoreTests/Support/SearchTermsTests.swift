@testable import FinegrainCore
import Testing

@Suite("SearchTerms — bigram terms find exactly the texts that contain a search")
struct SearchTermsTests {
    @Test("documents and queries")
    func examples() {
        #expect(SearchTerms.document(["井盖破损，人民路"]) == "井盖 盖破 破损 损 人民 民路 路")
        #expect(SearchTerms.document(["LED灯 不亮", "SIM01"]) == "le ed d灯 灯 不亮 亮 si im m0 01 1")
        #expect(SearchTerms.query("盖破") == [.phrase(["盖破"])])
        #expect(SearchTerms.query(" 井盖破 ") == [.phrase(["井盖", "盖破"])])
        #expect(SearchTerms.query("井") == [.prefix("井")])
        #expect(SearchTerms.query("井盖，LED") == [.phrase(["井盖"]), .phrase(["le", "ed"])])
        #expect(SearchTerms.query("%_ ，。").isEmpty)
    }

    /// Whether the terms of a document match the parts, as the full-text indexes do it: a phrase
    /// is a run of consecutive terms, a prefix any term that starts with it.
    static func matches(_ document: String, _ parts: [SearchTerms.Part]) -> Bool {
        let terms = document.split(separator: " ").map(String.init)
        return parts.allSatisfy { part in
            switch part {
            case .prefix(let p): return terms.contains { $0.hasPrefix(p) }
            case .phrase(let phrase):
                guard phrase.count <= terms.count else { return false }
                return (0...(terms.count - phrase.count)).contains { Array(terms[$0..<($0 + phrase.count)]) == phrase }
            }
        }
    }

    @Test("random texts: a match exactly when every run of the search lies inside one run of the text")
    func randomTexts() {
        var random = SeededGenerator(seed: 5)
        let alphabet = Array("井盖破损路a1，")
        func text(_ length: Int) -> String { String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }) }
        for _ in 0..<3_000 {
            let document = text(Int(random.next() % 12))
            let search = text(1 + Int(random.next() % 4))
            let documentRuns = SearchTerms.runs(document).map { String($0) }
            let searchRuns = SearchTerms.runs(search).map { String($0) }
            let expected = searchRuns.allSatisfy { run in documentRuns.contains { $0.contains(run) } }
            #expect(Self.matches(SearchTerms.document([document]), SearchTerms.query(search)) == expected, "\(search) in \(document)")
        }
    }
}
