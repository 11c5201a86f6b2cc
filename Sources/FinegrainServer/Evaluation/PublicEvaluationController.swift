import FinegrainCore
import FinegrainStore
import Foundation
import Hummingbird
import Mustache

/// `GET /evaluations` — the public notice board (考评结果公示): every published district and
/// subdistrict month with links to its report, CSV and JSON. No sign-in.
struct PublicEvaluationController: Sendable {
    let store: Store
    let calendar: WorkingCalendar

    static let template = Templates.load("evaluation-index")

    func addRoutes(to routes: SecuredRoutes) {
        routes.get("evaluations", .public, use: index)
    }

    @Sendable func index(_ request: Request, context: FinegrainRequestContext) async throws -> Response {
        let publications = try await store.publishedEvaluations().filter { $0.level == .district || $0.level == .subdistrict }
        let items: [[String: Any]] = publications.map { p in
            let base = "/api/v1/evaluations/published/\(p.period)/\(p.level.rawValue)"
            return [
                "periodZH": EvaluationReport.periodZH(p.period, .month), "levelZH": p.level.nameZH, "publishedAt": calendar.localDate(of: p.publishedAt).description,
                "reportLink": base + "?format=html", "csvLink": base + "?format=csv", "jsonLink": base, "inputsHash": p.inputsHash,
                "hashShort": String(p.inputsHash.prefix(12)),
            ]
        }
        let model: [String: Any] = [
            "city": try await store.cityName() ?? "", "hasItems": !items.isEmpty, "items": items,
        ]
        let html = Self.template?.render(model) ?? "<!DOCTYPE html><title>evaluations</title>"
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
