public import FinegrainCore
public import FinegrainStore
public import Foundation

/// Every problem of a refused component import or edit; nothing was written.
public struct ComponentImportFailure: Error, Sendable, CustomStringConvertible {
    public var problems: [ComponentProblem]
    public var description: String {
        "refused, nothing imported (\(problems.count) problem(s)):\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// 部件库 (the component register) as a service shared by the API and the CLI: checks components
/// against the catalogue and the map, resolves each one's grid chain from its location, and writes
/// them with their history — all or nothing.
///
/// ```swift
/// let register = ComponentRegister(store: store, catalogue: catalogue, locator: locator)
/// let written = try await register.importFile(data, format: .geojson, crs: .wgs84, file: "parts.geojson", actor: actor)
/// ```
public struct ComponentRegister: Sendable {
    public enum Format: String, Sendable, CaseIterable { case geojson, csv }

    let store: Store
    let catalogue: Catalogue
    let locator: RegionLocator

    public init(store: Store, catalogue: Catalogue, locator: RegionLocator) {
        self.store = store
        self.catalogue = catalogue
        self.locator = locator
    }

    /// Parses, checks and writes a file; returns how many components were written.
    @discardableResult
    public func importFile(_ data: Data, format: Format, crs: CoordinateSystem, file: String, actor: AuditActor) async throws -> Int {
        let parsed: (components: [Component], problems: [ComponentProblem])
        switch format {
        case .geojson:
            parsed = ComponentImport.parseGeoJSON(data, crs: crs, file: file, catalogue: catalogue)
        case .csv:
            guard let text = String(data: data, encoding: .utf8) else {
                throw ComponentImportFailure(problems: [
                    ComponentProblem(file: file, line: nil, featureIndex: nil, componentID: nil, field: "(file)", message: "is not UTF-8 text", messageZH: "不是 UTF-8 文本")
                ])
            }
            parsed = ComponentImport.parseCSV(text, file: file, crs: crs, catalogue: catalogue)
        }
        if !parsed.problems.isEmpty { throw ComponentImportFailure(problems: parsed.problems) }
        if parsed.components.isEmpty {
            throw ComponentImportFailure(problems: [
                ComponentProblem(file: file, line: nil, featureIndex: nil, componentID: nil, field: "(file)", message: "has no components", messageZH: "没有部件")
            ])
        }
        return try await write(parsed.components, kind: "import", file: file, actor: actor)
    }

    /// Checks and writes components (new or changed), resolving their grid chain.
    @discardableResult
    public func write(_ components: [Component], kind: String, file: String? = nil, actor: AuditActor) async throws -> Int {
        var problems: [ComponentProblem] = []
        var resolved: [Component] = []
        var districts: [String: String] = [:]
        for (index, var component) in components.enumerated() {
            func problem(_ field: String, _ en: String, _ zh: String) {
                problems.append(
                    ComponentProblem(file: file, line: nil, featureIndex: file == nil ? nil : index, componentID: component.id, field: field, message: en, messageZH: zh))
            }
            let point = component.geometry.representativePoint
            let chain = locator.locate(point)
            guard !chain.isEmpty else {
                problem("geometry", "lies outside every region of this platform", "不在本平台管辖范围内")
                continue
            }
            let grid = chain.first { $0.level == .grid }?.code
            if let given = component.gridCode, let grid, given != grid, !locator.isWithin(grid, given) {
                problem("grid_code", "\(given) does not contain the component's location (it lies in \(grid))", "网格 \(given) 不包含该部件位置（位于 \(grid)）")
                continue
            }
            component.gridCode = component.gridCode ?? grid
            component.communityCode = component.communityCode ?? chain.first { $0.level == .community }?.code
            component.communityName = component.communityName ?? chain.first { $0.level == .community }?.name
            let subdistrict = chain.first { $0.level == .subdistrict }
            component.subdistrictCode = component.subdistrictCode ?? subdistrict?.code
            component.subdistrictName = component.subdistrictName ?? subdistrict?.name
            districts[component.id] = subdistrict?.divisionParentCode ?? chain.first { $0.level == .district }?.code
            for p in component.validate(catalogue: catalogue, requireGrid: false) {
                problems.append(
                    ComponentProblem(file: file, line: nil, featureIndex: file == nil ? nil : index, componentID: component.id, field: p.field, message: p.message, messageZH: p.messageZH))
            }
            resolved.append(component)
        }
        guard problems.isEmpty else { throw ComponentImportFailure(problems: problems) }
        try await store.upsertComponents(resolved, districtCodes: districts, kind: kind, actor: actor)
        return resolved.count
    }

    /// A new 17-digit id for a component of `classCode` at `point`: county code of its location +
    /// class + the next free serial.
    public func newID(classCode: String, at point: Coordinate) async throws -> String {
        let chain = locator.locate(point)
        let subdistrict = chain.first { $0.level == .subdistrict }
        guard let county = subdistrict?.divisionParentCode ?? chain.first(where: { $0.level == .district })?.code
            ?? subdistrict.map({ String($0.code.prefix(6)) })
        else {
            throw ComponentImportFailure(problems: [
                ComponentProblem(file: nil, line: nil, featureIndex: nil, componentID: nil, field: "geometry", message: "lies outside every district", messageZH: "不在任何区县内")
            ])
        }
        let serial = try await store.nextComponentSerial(adminCode: county, classCode: classCode)
        do { return try ComponentID.make(adminCode: county, classCode: classCode, serial: serial).text } catch {
            throw ComponentImportFailure(problems: [
                ComponentProblem(file: nil, line: nil, featureIndex: nil, componentID: nil, field: "class_code", message: error.description, messageZH: error.descriptionZH)
            ])
        }
    }
}
