public import Foundation

extension ComponentImport {
    /// Reads a GeoJSON FeatureCollection of components.
    ///
    /// Each feature's `properties` carry the standard attributes (表2 abbreviations, snake_case or
    /// legacy names; see ``ComponentImport``); when they hold no ID, the feature's own `id` member is
    /// used. Geometry may be Point, LineString, Polygon or MultiPolygon in `crs`. Problems name the
    /// feature index and the line the feature starts on.
    ///
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - crs: the coordinate system of the file; GCJ-02 is converted to WGS84.
    ///   - file: the file name, for problems.
    ///   - catalogue: when given, each component is also checked against it.
    ///   - requireGrid: whether a missing grid code is a problem (default `false`: resolved later).
    ///
    /// ```swift
    /// let (components, problems) = ComponentImport.parseGeoJSON(data, crs: .gcj02, file: "covers.geojson")
    /// ```
    public static func parseGeoJSON(
        _ data: Data, crs: CoordinateSystem, file: String, catalogue: Catalogue? = nil, requireGrid: Bool = false
    ) -> (components: [Component], problems: [ComponentProblem]) {
        func fileProblem(_ en: String, _ zh: String) -> (components: [Component], problems: [ComponentProblem]) {
            ([], [ComponentProblem(file: file, field: "", message: en, messageZH: zh)])
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            return fileProblem("the file is not valid JSON", "文件不是有效的 JSON")
        }
        guard let collection = root as? [String: Any], collection["type"] as? String == "FeatureCollection",
            let features = collection["features"] as? [Any]
        else {
            return fileProblem("the file is not a GeoJSON FeatureCollection with a \"features\" array",
                "文件不是带“features”数组的 GeoJSON FeatureCollection")
        }
        let lines = FeatureLines(data)
        var rows: [Row] = []
        rows.reserveCapacity(features.count)
        for (index, item) in features.enumerated() {
            var row = Row(file: file, line: lines.line(ofFeature: index), featureIndex: index)
            guard let feature = item as? [String: Any] else {
                row.problem("", "the feature is not a JSON object", "要素不是 JSON 对象")
                row.unreadable = true
                rows.append(row)
                continue
            }
            let properties = feature["properties"] as? [String: Any] ?? [:]
            for key in properties.keys.sorted() {
                if let text = text(properties[key]) { row.set(key, text) }
            }
            if row.values["id"] == nil, let featureID = text(feature["id"]) { row.set("id", featureID) }
            if let geometry = feature["geometry"], !(geometry is NSNull) {
                do {
                    row.geometry = try ComponentGeometry(geoJSON: geometry).mapCoordinates(crs.toWGS84)
                } catch {
                    row.problem("geometry", error.description, error.descriptionZH)
                    row.geometryFailed = true
                }
            }
            rows.append(row)
        }
        return finish(rows, catalogue: catalogue, requireGrid: requireGrid)
    }

    /// A property value as text: strings as they are, numbers and booleans in JSON form, arrays and
    /// objects as compact JSON; `nil` for null or absent.
    static func text(_ value: Any?) -> String? {
        switch value {
        case nil, is NSNull: return nil
        case let s as String: return s
        case let n as NSNumber:
            if n.objCType.pointee == CChar(UInt8(ascii: "c")) { return n.boolValue ? "true" : "false" }
            return n.stringValue
        case let other?:
            guard JSONSerialization.isValidJSONObject(other),
                let data = try? JSONSerialization.data(withJSONObject: other, options: [.sortedKeys])
            else { return String(describing: other) }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
