import AsyncKit
import Logging
import NIOCore

/// Opens SQLite connections (``SQLiteHandle``) with the settings a server needs: a real busy
/// timeout, foreign keys on, the configured `synchronous` level, a page cache sized for a large
/// file (SQLite's default of 2 MiB per connection re-reads the upper levels of a million-row index
/// from the operating system on nearly every query), and temporary storage in memory (every
/// multi-row insert keeps a statement journal, which otherwise went to a temporary file: 3.5 % of
/// filing a case). WAL mode is persistent and set once by ``Database``.
struct TunedSQLiteSource: ConnectionPoolSource {
    let path: String
    let synchronous: String
    let busyTimeoutMilliseconds: Int
    let cacheKiB: Int

    /// The settings, as statements; the writer connection opens with the same ones.
    var pragmas: [String] {
        [
            "PRAGMA busy_timeout = \(busyTimeoutMilliseconds)", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = \(synchronous)",
            "PRAGMA cache_size = -\(cacheKiB)", "PRAGMA temp_store = MEMORY",
        ]
    }

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteHandle> {
        SQLiteHandle.open(path: path, pragmas: pragmas, logger: logger, on: eventLoop)
    }
}
