/// The CSV dialect of the catalogue files (RFC 4180): comma-separated, fields may be quoted with `"`
/// and then contain commas, line breaks and `""` for a quote; LF, CRLF or CR line ends; an optional
/// UTF-8 BOM; blank lines are skipped.
///
/// Internal: ``CatalogueCSV`` and ``LegacyMappingCSV`` turn its records and syntax problems into
/// ``CatalogueProblem``s.
struct CatalogueCSVReader {
    /// One record and the 1-based line it starts on.
    struct Record {
        var line: Int
        var fields: [String]
    }

    /// A syntax problem and the 1-based line of the record it is in.
    struct SyntaxProblem {
        var line: Int
        var message: String
        var messageZH: String
    }

    /// Splits `text` into records.
    static func read(_ text: String) -> (records: [Record], problems: [SyntaxProblem]) {
        var records: [Record] = []
        var problems: [SyntaxProblem] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var afterClosingQuote = false
        var fieldWasQuoted = false
        var strayReported = false

        func endField() {
            fields.append(field)
            field = ""
            afterClosingQuote = false
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            let blank = fields.count == 1 && fields[0].isEmpty && !strayReported
            if !blank { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
            strayReported = false
        }

        var chars = Substring(text)
        if chars.first == "\u{FEFF}" { chars = chars.dropFirst() }
        var lastWasQuotedQuote = false  // a `"` inside quotes that may be the first half of `""`
        for ch in chars {
            let isNewline = ch == "\n" || ch == "\r\n" || ch == "\r"
            if inQuotes {
                if lastWasQuotedQuote {
                    lastWasQuotedQuote = false
                    if ch == "\"" {
                        field.append("\"")
                        continue
                    }
                    // The previous quote closed the field.
                    inQuotes = false
                    afterClosingQuote = true
                } else if ch == "\"" {
                    lastWasQuotedQuote = true
                    continue
                } else {
                    if isNewline { line += 1 }
                    field.append(ch)
                    continue
                }
            }
            // Outside quotes.
            if ch == "," {
                endField()
            } else if isNewline {
                endRecord()
                line += 1
                recordLine = line
            } else if afterClosingQuote {
                if !strayReported {
                    problems.append(SyntaxProblem(
                        line: recordLine, message: "unexpected text after a closing quote",
                        messageZH: "引号结束后出现多余字符"))
                    strayReported = true
                }
                field.append(ch)
            } else if ch == "\"" {
                if field.isEmpty && !fieldWasQuoted {
                    inQuotes = true
                    fieldWasQuoted = true
                } else {
                    if !strayReported {
                        problems.append(SyntaxProblem(
                            line: recordLine,
                            message: "a quote inside an unquoted field (quote the whole field and double the quote)",
                            messageZH: "未加引号的字段中出现引号（应给整个字段加引号并把引号写两遍）"))
                        strayReported = true
                    }
                    field.append(ch)
                }
            } else {
                field.append(ch)
            }
        }
        if lastWasQuotedQuote {
            inQuotes = false
            afterClosingQuote = true
        }
        if inQuotes {
            problems.append(SyntaxProblem(
                line: recordLine, message: "a quoted field is not closed before the end of the file",
                messageZH: "带引号的字段直到文件结尾仍未闭合"))
        }
        if !(fields.isEmpty && field.isEmpty && !fieldWasQuoted) { endRecord() }
        return (records, problems)
    }
}
