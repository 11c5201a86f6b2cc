import Foundation

/// Where the data lives: an embedded SQLite file (the default) or a PostgreSQL server.
///
/// Every command that touches data takes the same `--database` value:
///
/// ```swift
/// try DatabaseLocation(parsing: "sqlite:./finegrain-demo.sqlite")   // .sqlite(path:)
/// try DatabaseLocation(parsing: "postgres://city:city@127.0.0.1:5432/city")
/// ```
public enum DatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite database file, created on first use.
    case sqlite(path: String)
    /// A PostgreSQL connection URL (`postgres://` or `postgresql://`).
    case postgres(url: String)

    /// Parses `sqlite:PATH`, a bare path ending in `.sqlite`/`.db`, or a `postgres://` URL.
    public init(parsing text: String) throws(DatabaseLocationError) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard URL(string: text)?.host != nil else { throw DatabaseLocationError(text: text) }
            self = .postgres(url: text)
        } else if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }
            guard !path.isEmpty else { throw DatabaseLocationError(text: text) }
            self = .sqlite(path: path)
        } else if text.hasSuffix(".sqlite") || text.hasSuffix(".db") {
            self = .sqlite(path: text)
        } else {
            throw DatabaseLocationError(text: text)
        }
    }

    /// The location with any password masked, for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres://…"
        }
    }
}

/// A `--database` value that is neither `sqlite:PATH` nor a `postgres://` URL.
public struct DatabaseLocationError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public var description: String {
        "cannot read database location \"\(text)\": use sqlite:PATH (e.g. sqlite:./finegrain.sqlite) or postgres://USER:PASSWORD@HOST:PORT/DATABASE"
    }
}
