import Foundation

extension ComponentImport {
    /// Reads a CSV of components: a header row, then one component per record.
    ///
    /// Columns use the standard names (表2 abbreviations, snake_case or legacy; see
    /// ``ComponentImport``); any other column is an extension attribute. The geometry is either a
    /// `geometry` column holding GeoJSON text (Point, LineString, Polygon, MultiPolygon) or `lon` and
    /// `lat` columns (also `longitude`/`latitude`, `经度`/`纬度`) for a point; when a record has both,
    /// the `geometry` column wins. An optional `crs` column (`wgs84` or `gcj02`, any case, `-`
    /// allowed; blank = the `crs` argument) gives each record's coordinate system. Quoted fields may
    /// hold commas, line breaks and doubled quotes (RFC 4180). A header without the ID, name,
    /// authority, status, initial-date or geometry columns is refused as a whole. Problems name
    /// `file:line: field`.
    ///
    /// ```swift
    /// let csv = """
    ///     GLBJBSM,GLBJMC,ZGBMDM,ZGBMMC,GLBJZT,CSRQ,lon,lat
    ///     37030301001000001,供水井盖,91370303MA3C4XUL52,"淄博市城市管理局,张店分局",完好,20261129,118.05,36.81
    ///     """
    /// let (components, problems) = ComponentImport.parseCSV(csv, file: "covers.csv")
    /// ```
    public static func parseCSV(
        _ text: String, file: String, crs: CoordinateSystem = .wgs84, catalogue: Catalogue? = nil, requireGrid: Bool = false
    ) -> (components: [Component], problems: [ComponentProblem]) {
        let (records, syntax) = CatalogueCSVReader.read(text)
        var problems = syntax.map {
            ComponentProblem(file: file, line: $0.line, field: "", message: $0.message, messageZH: $0.messageZH)
        }
        guard let header = records.first else {
            problems.append(ComponentProblem(file: file, line: 1, field: "", message: "the file has no header row", messageZH: "文件没有表头行"))
            return ([], problems)
        }
        let names = header.fields.map { $0.trimmed() }
        func headerProblem(_ field: String, _ en: String, _ zh: String) {
            problems.append(ComponentProblem(file: file, line: header.line, field: field, message: en, messageZH: zh))
        }

        var seen: [String: String] = [:]
        for name in names {
            let key = ComponentField.lookup(name)?.field.property ?? name.lowercased()
            if let first = seen[key] {
                headerProblem(name, "the column is given twice (also as \(first))", "列重复（另见 \(first) 列）")
            } else {
                seen[key] = name
            }
        }
        let lonNames: Set<String> = ["lon", "longitude", "经度"], latNames: Set<String> = ["lat", "latitude", "纬度"]
        let lonIndex = names.firstIndex { lonNames.contains($0.lowercased()) }
        let latIndex = names.firstIndex { latNames.contains($0.lowercased()) }
        let geometryIndex = names.firstIndex { $0.lowercased() == "geometry" }
        let crsIndex = names.firstIndex { $0.lowercased() == "crs" }
        let special = Set([lonIndex, latIndex, geometryIndex, crsIndex].compactMap { $0 })
        for property in ["id", "name", "authorityCode", "authorityName", "status", "initialDate"] where seen[property] == nil {
            let field = ComponentField.forProperty(property)
            let label = [field?.abbreviation, field?.snake].compactMap { $0 }.joined(separator: " or ")
            headerProblem(label, "the column is missing", "缺少该列")
        }
        if geometryIndex == nil && (lonIndex == nil || latIndex == nil) {
            headerProblem("geometry", "the file needs a geometry column or lon and lat columns", "缺少 geometry 列或 lon、lat 列")
        }
        guard problems.allSatisfy({ $0.line != header.line }) else { return ([], problems) }

        var rows: [Row] = []
        for record in records.dropFirst() {
            var row = Row(file: file, line: record.line, featureIndex: nil)
            row.geometryField = geometryIndex != nil ? names[geometryIndex ?? 0] : names[lonIndex ?? 0]
            guard record.fields.count == names.count else {
                row.problem("", "the record has \(record.fields.count) fields, the header \(names.count)",
                    "该行有 \(record.fields.count) 个字段，表头有 \(names.count) 个")
                row.unreadable = true
                rows.append(row)
                continue
            }
            for (i, name) in names.enumerated() where !special.contains(i) { row.set(name, record.fields[i]) }
            readGeometry(record.fields, names: names, lon: lonIndex, lat: latIndex, geometry: geometryIndex, crs: crsIndex,
                default: crs, into: &row)
            rows.append(row)
        }
        let result = finish(rows, catalogue: catalogue, requireGrid: requireGrid)
        return (result.components, problems + result.problems)
    }

    /// Fills `row.geometry` from the geometry or lon/lat columns, converting from the record's CRS.
    private static func readGeometry(
        _ fields: [String], names: [String], lon: Int?, lat: Int?, geometry: Int?, crs: Int?, default defaultCRS: CoordinateSystem,
        into row: inout Row
    ) {
        func value(_ index: Int?) -> String? {
            guard let index else { return nil }
            let text = fields[index].trimmed()
            return text.isEmpty ? nil : text
        }
        var system = defaultCRS
        if let crsIndex = crs, let text = value(crsIndex) {
            let key = text.lowercased().replacingOccurrences(of: "-", with: "")
            guard let parsed = CoordinateSystem(rawValue: key) else {
                row.problem(names[crsIndex], "\"\(text)\" is not wgs84 or gcj02", "“\(text)”不是 wgs84 或 gcj02")
                row.geometryFailed = true
                return
            }
            system = parsed
        }
        if let geometryIndex = geometry, let text = value(geometryIndex) {
            do {
                row.geometry = try ComponentGeometry(geoJSONString: text).mapCoordinates(system.toWGS84)
            } catch {
                row.problem(names[geometryIndex], error.description, error.descriptionZH)
                row.geometryFailed = true
            }
            return
        }
        guard let lonIndex = lon, let latIndex = lat else { return }
        let lonText = value(lonIndex), latText = value(latIndex)
        guard lonText != nil || latText != nil else { return }
        var ok = true
        for (index, text) in [(lonIndex, lonText), (latIndex, latText)] {
            guard let text else {
                row.problem(names[index], "is required with \(names[index == lonIndex ? latIndex : lonIndex])",
                    "与 \(names[index == lonIndex ? latIndex : lonIndex]) 须同时给出")
                ok = false
                continue
            }
            guard let number = Double(text), number.isFinite else {
                row.problem(names[index], "\"\(text)\" is not a number", "“\(text)”不是数字")
                ok = false
                continue
            }
        }
        guard ok, let lonValue = lonText.flatMap(Double.init), let latValue = latText.flatMap(Double.init) else {
            row.geometryFailed = true
            return
        }
        row.geometry = .point(system.toWGS84(Coordinate(lon: lonValue, lat: latValue)))
    }
}
