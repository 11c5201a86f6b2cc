import FinegrainCore
import Foundation
import Hummingbird

/// The class catalogue, public (citizens' apps and Open311 need it):
/// `GET /api/v1/catalogue/classes?kind=&code=&q=&major=&page=&per_page=` and
/// `GET /api/v1/catalogue/classes/{kind}/{code}`.
struct CatalogueController: Sendable {
    let catalogue: CatalogueIndex

    func addRoutes(to routes: SecuredRoutes) {
        routes.get("catalogue/classes", .public, use: list)
        routes.get("catalogue/classes/{kind}/{code}", .public, use: show)
    }

    struct ClassDTO: Codable, Sendable, ResponseEncodable {
        var kind: String
        var code: String
        var name: String
        var nameEN: String?
        var majorCode: String
        var majorName: String
        var standard: String
        var note: String?
        var attributes: [ExtensionAttribute]

        init(_ c: CatalogueClass) {
            kind = c.kind.rawValue
            code = c.code
            name = c.name
            nameEN = c.nameEN
            majorCode = c.majorCode
            majorName = c.majorName
            standard = c.standard
            note = c.note
            attributes = c.attributes
        }

        enum CodingKeys: String, CodingKey {
            case kind, code, name, standard, note, attributes
            case nameEN = "name_en"
            case majorCode = "major_code"
            case majorName = "major_name"
        }
    }

    @Sendable func list(_ request: Request, context: FinegrainRequestContext) async throws -> PageDTO<ClassDTO> {
        let q = QueryParameters(request)
        let kind = try q.oneOf("kind", ClassKind.self, allowed: ClassKind.allCases)
        let page = try q.int("page", in: 1...1_000_000) ?? 1
        let perPage = try q.int("per_page", in: 1...500) ?? 50
        var found = await catalogue.catalogue.search(kind: kind, codePrefix: q.string("code"), text: q.string("q"))
        if let major = q.string("major") { found = found.filter { $0.majorCode == major } }
        if let standard = q.string("standard") { found = found.filter { $0.standard == standard } }
        let slice = Array(found.dropFirst((page - 1) * perPage).prefix(perPage)).map(ClassDTO.init)
        return PageDTO(items: slice, total: found.count, page: page, perPage: perPage, pageCount: max(1, (found.count + perPage - 1) / perPage))
    }

    @Sendable func show(_ request: Request, context: FinegrainRequestContext) async throws -> ClassDTO {
        guard let kind = ClassKind(rawValue: try context.parameters.require("kind")) else {
            throw Problem.invalidParameter("kind", "must be component or matter", "须为 component 或 matter")
        }
        let code = try context.parameters.require("code")
        guard let found = await catalogue.catalogue.class(kind: kind, code: code) else { throw Problem.notFound("class \(code)", "分类 \(code)") }
        return ClassDTO(found)
    }
}
