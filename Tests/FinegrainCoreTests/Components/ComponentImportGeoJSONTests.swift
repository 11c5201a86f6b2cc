import Foundation
import Testing

@testable import FinegrainCore

@Suite("ComponentImport GeoJSON")
struct ComponentImportGeoJSONTests {
    /// A feature with the 表2 abbreviations.
    static func feature(
        id: String = "37030301001000001", status: String = "完好", date: String = "20261129", geometry: String? = nil,
        extra: String = ""
    ) -> String {
        """
          {
            "type": "Feature",
            "properties": {
              "GLBJBSM": "\(id)", "GLBJMC": "供水井盖", "ZGBMDM": "\(ComponentFixtures.authorityCode)",
              "ZGBMMC": "淄博市城市管理局", "SZDYWGBSM": "370303001001001", "GLBJZT": "\(status)", "CSRQ": "\(date)",
              "BGRQ": null, "SJLY": "实测", "SZJDDM": "370303001", "cover_material": "铸铁"\(extra)
            },
            "geometry": \(geometry ?? #"{"type": "Point", "coordinates": [118.05, 36.81]}"#)
          }
        """
    }

    static func collection(_ features: String...) -> Data {
        Data("{\n\"type\": \"FeatureCollection\",\n\"features\": [\n\(features.joined(separator: ",\n"))\n]\n}\n".utf8)
    }

    @Test("a good file gives every component, abbreviations and snake_case alike")
    func goodFile() throws {
        let snake = """
              {"type": "Feature", "id": "37030301001000003",
               "properties": {"name": "供水井盖", "authority_code": "\(ComponentFixtures.authorityCode)", "authority_name": "城管局",
                              "status": "damaged", "initial_date": "2026-11-29", "changed_date": "2026-12-02", "diameter_cm": 70},
               "geometry": {"type": "LineString", "coordinates": [[118.05, 36.81], [118.06, 36.81]]}}
            """
        let data = Self.collection(Self.feature(), Self.feature(id: "37030301001000002", status: "破损"), snake)
        let (components, problems) = ComponentImport.parseGeoJSON(data, crs: .wgs84, file: "covers.geojson")
        #expect(problems == [])
        #expect(components.map(\.id) == ["37030301001000001", "37030301001000002", "37030301001000003"])
        let first = try #require(components.first)
        #expect(first.classCode == "01001")
        #expect(first.authorityName == "淄博市城市管理局")
        #expect(first.gridCode == "370303001001001")
        #expect(first.initialDate == ComponentFixtures.date("2026-11-29"))
        #expect(first.changedDate == nil)
        #expect(first.dataSource == "实测")
        #expect(first.attributes == ["cover_material": "铸铁"])
        #expect(first.geometry == .point(Coordinate(lon: 118.05, lat: 36.81)))
        #expect(!first.synthetic)
        #expect(components[1].status == .damaged)
        let third = components[2]
        #expect(third.status == .damaged)
        #expect(third.changedDate == ComponentFixtures.date("2026-12-02"))
        #expect(third.attributes == ["diameter_cm": "70"])
        #expect(third.gridCode == nil)
        // With the catalogue: the third lacks the required material attribute.
        let checked = ComponentImport.parseGeoJSON(data, crs: .wgs84, file: "covers.geojson", catalogue: ComponentFixtures.catalogue)
        #expect(checked.components.count == 2)
        #expect(checked.problems.map(\.field) == ["cover_material"])
        #expect(checked.problems.first?.featureIndex == 2)
    }

    @Test("one bad feature among good ones is named with its index, line and every problem")
    func badFeature() throws {
        let bad = Self.feature(
            id: "37030301001000009", status: "好", date: "2026-13-01",
            geometry: #"{"type": "Point", "coordinates": [118.05]}"#, extra: #", "authority_name": "另一个名字""#)
        let data = Self.collection(Self.feature(), bad, Self.feature(id: "37030301001000002"))
        let (components, problems) = ComponentImport.parseGeoJSON(data, crs: .wgs84, file: "covers.geojson")
        #expect(components.map(\.id) == ["37030301001000001", "37030301001000002"])
        #expect(problems.allSatisfy { $0.featureIndex == 1 && $0.file == "covers.geojson" && $0.componentID == "37030301001000009" })
        #expect(Set(problems.map(\.field)) == ["GLBJZT", "CSRQ", "geometry", "authority_name"])
        let line = try #require(problems.first?.line)
        #expect(line == 13)  // features start on lines 4, 13, 22
        #expect(problems.contains { $0.field == "GLBJZT" && $0.messageZH.contains("完好") })
        #expect(problems.first?.description.hasPrefix("covers.geojson:13: feature 1 (ID 37030301001000009): ") == true)
    }

    @Test("missing required properties and a bad ID are reported, not guessed")
    func missing() {
        let data = Self.collection(#"{"type": "Feature", "properties": {"GLBJBSM": "3703030100100001X"}, "geometry": null}"#)
        let (components, problems) = ComponentImport.parseGeoJSON(data, crs: .wgs84, file: "f.geojson")
        #expect(components.isEmpty)
        #expect(problems.map(\.field) == ["GLBJBSM", "GLBJZT", "CSRQ", "geometry", "GLBJMC", "ZGBMDM", "ZGBMMC"])
    }

    @Test("GCJ-02 coordinates are converted to WGS84")
    func gcj02() throws {
        let line = #"{"type": "LineString", "coordinates": [[118.0556, 36.8117], [118.0566, 36.8117]]}"#
        let data = Self.collection(Self.feature(), Self.feature(id: "37030301001000002", geometry: line))
        let (components, problems) = ComponentImport.parseGeoJSON(data, crs: .gcj02, file: "gcj.geojson")
        #expect(problems.isEmpty)
        #expect(components.first?.geometry == .point(GCJ02.toWGS84(Coordinate(lon: 118.05, lat: 36.81))))
        #expect(components.last?.geometry == .line([
            GCJ02.toWGS84(Coordinate(lon: 118.0556, lat: 36.8117)), GCJ02.toWGS84(Coordinate(lon: 118.0566, lat: 36.8117)),
        ]))
    }

    @Test("duplicate IDs are a problem on every occurrence")
    func duplicates() {
        let data = Self.collection(Self.feature(), Self.feature(id: "37030301001000002"), Self.feature())
        let (components, problems) = ComponentImport.parseGeoJSON(data, crs: .wgs84, file: "dup.geojson")
        #expect(components.map(\.id) == ["37030301001000002"])
        #expect(problems.map(\.featureIndex) == [0, 2])
        #expect(problems[0].message == "ID 37030301001000001 is also used by feature 2")
        #expect(problems[1].messageZH == "标识码 37030301001000001 与要素 0重复")
    }

    @Test("a file that is not a FeatureCollection")
    func notACollection() {
        let bad = ComponentImport.parseGeoJSON(Data(#"{"type": "Feature"}"#.utf8), crs: .wgs84, file: "x.geojson")
        #expect(bad.components.isEmpty)
        #expect(bad.problems.count == 1)
        #expect(bad.problems.first?.featureIndex == nil)
        #expect(ComponentImport.parseGeoJSON(Data("nope".utf8), crs: .wgs84, file: "x").problems.count == 1)
    }
}
