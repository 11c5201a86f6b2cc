import FinegrainCore
import FinegrainServer
import FinegrainStore
import FinegrainTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore

/// Runs `body` against the real application (router, middleware, services) over a test store
/// holding `regions`.
func withTestApp(
    _ database: TestDatabase, regions: [Region] = RegionTreeFixture.regions,
    _ body: @escaping @Sendable (any TestClientProtocol, Store) async throws -> Void
) async throws {
    FinegrainMetrics.bootstrap()
    try await database.withStore { (store: Store) async throws in
        try await store.upsertRegions(regions)
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = try await buildApplication(store: store, settings: ServerSettings(host: "127.0.0.1", port: 0), logger: logger)
        try await app.test(.router) { client in try await body(client, store) }
    }
}

extension TestResponse {
    /// The body decoded as a JSON object.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            throw JSONShapeError()
        }
        return object
    }

    var text: String { String(buffer: body) }
}

struct JSONShapeError: Error {}
