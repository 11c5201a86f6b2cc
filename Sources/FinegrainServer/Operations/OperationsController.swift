import FinegrainCore
public import FinegrainStore
import Foundation
import Hummingbird
public import Prometheus

/// Operations endpoints for load balancers and monitoring:
///
/// - `GET /healthz` — 200 `{"status":"ok",…}` when the database answers and the region index is
///   loaded, else 503 problem details;
/// - `GET /metrics` — Prometheus text: request counts and latencies by route and status, database
///   pool use (needs `operations.read`: scrape with an API key as a bearer token).
public struct OperationsController: Sendable {
    let database: Database
    let index: RegionIndex
    let registry: PrometheusCollectorRegistry

    public init(database: Database, index: RegionIndex, registry: PrometheusCollectorRegistry) {
        self.database = database
        self.index = index
        self.registry = registry
    }

    public func addRoutes(to routes: SecuredRoutes) {
        routes.get("healthz", .public, use: health)
        routes.get("metrics", .operationsRead, use: metrics)
    }

    struct Health: ResponseEncodable {
        var status: String
        var database: String
        var regions: Int
        var regionRevision: Int

        enum CodingKeys: String, CodingKey {
            case status, database, regions
            case regionRevision = "region_revision"
        }
    }

    @Sendable func health(_ request: Request, context: FinegrainRequestContext) async throws -> Health {
        guard await database.ping() else {
            throw Problem(
                status: .serviceUnavailable, slug: "database-unavailable", title: "Database unavailable",
                detail: "the database does not answer", detailZH: "数据库无响应")
        }
        let (count, revision) = await (index.locator.count, index.revision)
        return Health(status: "ok", database: database.dialect.rawValue, regions: count, regionRevision: revision)
    }

    @Sendable func metrics(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
    }
}
