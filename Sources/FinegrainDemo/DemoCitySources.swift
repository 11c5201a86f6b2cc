import FinegrainCore
import Foundation

/// The real data of the demo city, read from the bundled files in `Resources/zibo` (see its
/// `SOURCES.md` for provenance): district polygons, division codes and names, town codes and names,
/// the functional zones and English names.
struct DemoCitySources {
    struct Division { var code: String; var name: String; var parentCode: String }
    struct Zone { var code: String; var name: String; var nameEN: String; var subdistricts: [String] }

    var city: Division
    var districts: [Division]
    var districtGeometry: [String: MultiPolygon]
    var towns: [Division]
    var zones: [Zone]
    var namesEN: [String: String]

    static func load() throws -> DemoCitySources {
        let divisions = try rows("zibo_divisions", columns: 4).map { Division(code: $0[1], name: $0[2], parentCode: $0[3]) }
        guard let city = divisions.first(where: { $0.code.hasSuffix("00") }) else {
            throw DemoCityError("zibo_divisions.csv has no city row")
        }
        let towns = try rows("zibo_towns", columns: 4).map { Division(code: $0[1], name: $0[2], parentCode: $0[3]) }
        let zones = try rows("zibo_zones", columns: 4).map {
            Zone(code: $0[0], name: $0[1], nameEN: $0[2], subdistricts: $0[3].split(separator: ";").map(String.init))
        }
        var namesEN: [String: String] = [:]
        for row in try rows("zibo_names_en", columns: 2) { namesEN[row[0]] = row[1] }

        let data = try Data(contentsOf: try url("zibo_districts", "geojson"))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let features = root["features"] as? [[String: Any]]
        else { throw DemoCityError("zibo_districts.geojson is not a FeatureCollection") }
        var geometry: [String: MultiPolygon] = [:]
        for feature in features {
            guard let properties = feature["properties"] as? [String: Any], let code = properties["code"] as? String,
                let object = feature["geometry"]
            else { throw DemoCityError("zibo_districts.geojson: a feature lacks code or geometry") }
            geometry[code] = try MultiPolygon(geoJSON: object).normalized()
        }
        return DemoCitySources(
            city: city, districts: divisions.filter { $0.code != city.code }, districtGeometry: geometry, towns: towns,
            zones: zones, namesEN: namesEN)
    }

    private static func url(_ name: String, _ ext: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "zibo") else {
            throw DemoCityError("bundled resource zibo/\(name).\(ext) is missing")
        }
        return url
    }

    /// The rows of a bundled CSV without its header (these files have no quoted fields).
    private static func rows(_ name: String, columns: Int) throws -> [[String]] {
        let text = try String(contentsOf: try url(name, "csv"), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).dropFirst()
        return try lines.enumerated().map { index, line in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == columns else {
                throw DemoCityError("\(name).csv line \(index + 2): expected \(columns) fields, found \(fields.count)")
            }
            return fields
        }
    }
}

/// The bundled demo data is missing or malformed.
public struct DemoCityError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
