import AsyncKit
import Logging
import NIOCore
import SQLiteKit

/// Opens SQLite connections with the settings a server needs, which sqlite-kit does not set:
/// a real busy timeout (sqlite-nio's own busy handler spins without sleeping), foreign keys on,
/// and the configured `synchronous` level. WAL mode is persistent and set once by ``Database``.
struct TunedSQLiteSource: ConnectionPoolSource {
    let base: SQLiteConnectionSource
    let synchronous: String
    let busyTimeoutMilliseconds: Int

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        base.makeConnection(logger: logger, on: eventLoop).flatMap { connection in
            connection.query("PRAGMA busy_timeout = \(busyTimeoutMilliseconds)")
                .flatMap { _ in connection.query("PRAGMA foreign_keys = ON") }
                .flatMap { _ in connection.query("PRAGMA synchronous = \(synchronous)") }
                .map { _ in connection }
        }
    }
}
