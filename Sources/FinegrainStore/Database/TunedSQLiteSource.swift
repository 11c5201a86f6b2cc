import AsyncKit
import Logging
import NIOCore
import SQLiteKit

/// Opens SQLite connections with the settings a server needs, which sqlite-kit does not set:
/// a real busy timeout (sqlite-nio's own busy handler spins without sleeping), foreign keys on,
/// the configured `synchronous` level, and a page cache sized for a large file (SQLite's default
/// of 2 MiB per connection re-reads the upper levels of a million-row index from the operating
/// system on nearly every query), and temporary storage in memory (every multi-row insert keeps a
/// statement journal, which otherwise went to a temporary file: 3.5 % of filing a case).
/// WAL mode is persistent and set once by ``Database``.
struct TunedSQLiteSource: ConnectionPoolSource {
    let base: SQLiteConnectionSource
    let synchronous: String
    let busyTimeoutMilliseconds: Int
    let cacheKiB: Int

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        base.makeConnection(logger: logger, on: eventLoop).flatMap { connection in
            connection.query("PRAGMA busy_timeout = \(busyTimeoutMilliseconds)")
                .flatMap { _ in connection.query("PRAGMA foreign_keys = ON") }
                .flatMap { _ in connection.query("PRAGMA synchronous = \(synchronous)") }
                .flatMap { _ in connection.query("PRAGMA cache_size = -\(cacheKiB)") }
                .flatMap { _ in connection.query("PRAGMA temp_store = MEMORY") }
                .map { _ in connection }
        }
    }
}
