/// 检索词 (search terms): text cut into overlapping two-character terms, so that a full-text
/// index answers "contains" searches in Chinese — where a word is usually two characters and
/// no spaces separate words — as well as in Latin text, digits and case numbers.
///
/// Why: `LIKE '%井盖%'` reads every row (it timed out at a million cases), and the databases'
/// own tokenizers either need three characters (SQLite's trigram) or treat a whole run of
/// Chinese as one word (PostgreSQL's parsers). Bigrams make any substring of two or more
/// characters a phrase of consecutive terms, and a one-character search a prefix.
///
/// The text is lower-cased and cut into runs of letters and digits; each run of `n` characters
/// gives its `n - 1` bigrams followed by its last character alone. That last term also keeps two
/// runs apart, so a phrase never matches across punctuation.
///
/// ```swift
/// SearchTerms.document(["井盖破损，人民路"])   // "井盖 盖破 破损 损 人民 民路 路"
/// SearchTerms.query("盖破")                  // [.phrase(["盖破"])]
/// SearchTerms.query("井盖破")                // [.phrase(["井盖", "盖破"])]
/// SearchTerms.query("井")                    // [.prefix("井")]
/// ```
public enum SearchTerms {
    /// One part of a search: every part must match.
    public enum Part: Sendable, Hashable {
        /// Consecutive terms (a run of two or more characters).
        case phrase([String])
        /// A term starting with this character (a run of one).
        case prefix(String)
    }

    /// The terms to index for `texts`, separated by spaces.
    /// Written straight into one string, without a string per term (every filed case indexes its
    /// description: the array of terms was 1.7 % of filing a case).
    public static func document(_ texts: [String]) -> String {
        var document = ""
        for text in texts {
            for run in runs(text) {
                for (index, character) in run.enumerated() {
                    if !document.isEmpty { document.append(" ") }
                    document.append(character)
                    if index + 1 < run.count { document.append(run[index + 1]) }
                }
            }
        }
        return document
    }

    /// The parts of a search for `text`; empty if it has no letter or digit.
    public static func query(_ text: String) -> [Part] {
        runs(text).map { run in run.count == 1 ? .prefix(String(run[0])) : .phrase(bigrams(run)) }
    }

    /// Runs of letters and digits, lower-cased.
    static func runs(_ text: String) -> [[Character]] {
        var runs: [[Character]] = []
        var current: [Character] = []
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                current.append(character)
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    private static func bigrams(_ run: [Character]) -> [String] {
        guard run.count > 1 else { return [] }
        return (0..<(run.count - 1)).map { String(run[$0]) + String(run[$0 + 1]) }
    }
}
