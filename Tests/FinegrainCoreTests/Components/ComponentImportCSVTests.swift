import Foundation
import Testing

@testable import FinegrainCore

@Suite("ComponentImport CSV")
struct ComponentImportCSVTests {
    let code = ComponentFixtures.authorityCode

    @Test("quoted fields with commas, lon/lat columns, Chinese status words")
    func lonLat() throws {
        let csv = """
            GLBJBSM,GLBJMC,ZGBMDM,ZGBMMC,GLBJZT,CSRQ,BZ,lon,lat,cover_material
            37030301001000001,供水井盖,\(code),"淄博市城市管理局,张店分局",完好,20261129,"说明 ""一"", 二",118.05,36.81,铸铁
            37030301001000002,供水井盖,\(code),城管局,丢失,2026-11-29,,118.06,36.82,
            """
        let (components, problems) = ComponentImport.parseCSV(csv, file: "covers.csv")
        #expect(problems == [])
        #expect(components.count == 2)
        let first = try #require(components.first)
        #expect(first.authorityName == "淄博市城市管理局,张店分局")
        #expect(first.note == #"说明 "一", 二"#)
        #expect(first.geometry == .point(Coordinate(lon: 118.05, lat: 36.81)))
        #expect(first.attributes == ["cover_material": "铸铁"])
        #expect(components[1].status == .lost)
        #expect(components[1].attributes.isEmpty)
        #expect(components[1].note == nil)
    }

    @Test("a geometry column with GeoJSON text, snake_case names, a per-row crs")
    func geometryColumn() throws {
        let csv = """
            id,name,authority_code,authority_name,status,initial_date,crs,geometry
            37030301001000001,护栏,\(code),城管局,intact,2026-11-29,,"{""type"":""LineString"",""coordinates"":[[118.05,36.81],[118.06,36.81]]}"
            37030301001000002,井盖,\(code),城管局,破损,20261129,GCJ-02,"{""type"":""Point"",""coordinates"":[118.05,36.81]}"
            """
        let (components, problems) = ComponentImport.parseCSV(csv, file: "mixed.csv")
        #expect(problems == [])
        #expect(components.first?.geometry == .line([Coordinate(lon: 118.05, lat: 36.81), Coordinate(lon: 118.06, lat: 36.81)]))
        #expect(components.last?.geometry == .point(GCJ02.toWGS84(Coordinate(lon: 118.05, lat: 36.81))))
    }

    @Test("errors name file, line and field; good rows still come through")
    func errors() {
        let csv = """
            id,name,authority_code,authority_name,status,initial_date,changed_date,lon,lat,crs
            37030301001000001,井盖,\(code),城管局,intact,2026-11-29,,118.05,36.81,
            37030301001000002,井盖,123,城管局,坏了,2026-11-29,2026-11-01,118.05,abc,
            "37030301001000003",井盖,\(code),城管局,intact,2026-11-29,,118.05,,
            37030301001000004,井盖,\(code),城管局,intact,2026-11-29,,118.05,36.81,bd09
            37030301001000005,井盖,\(code)
            37030301001000001,井盖,\(code),城管局,intact,2026-11-29,,118.05,36.81,
            """
        let (components, problems) = ComponentImport.parseCSV(csv, file: "bad.csv")
        #expect(components.isEmpty)
        let located = problems.map { "\($0.line ?? 0):\($0.field)" }
        #expect(located == ["2:id", "3:lat", "3:status", "3:authority_code", "3:changed_date", "4:lat", "5:crs", "6:", "7:id"])
        #expect(problems.allSatisfy { $0.file == "bad.csv" })
        #expect(problems[2].description == #"bad.csv:3: (ID 37030301001000002): status: "坏了" is not one of 完好, 破损, 丢失, 废弃, 移除"#)
        #expect(problems[0].message == "ID 37030301001000001 is also used by line 7")
    }

    @Test("a header without the required columns is refused as a whole")
    func header() {
        let csv = """
            GLBJBSM,GLBJMC,GLBJZT,GLBJBSM
            37030301001000001,井盖,完好,37030301001000001
            """
        let (components, problems) = ComponentImport.parseCSV(csv, file: "h.csv")
        #expect(components.isEmpty)
        #expect(problems.allSatisfy { $0.line == 1 })
        #expect(problems.map(\.field) == ["GLBJBSM", "ZGBMDM or authority_code", "ZGBMMC or authority_name", "CSRQ or initial_date", "geometry"])
    }

    @Test("an unclosed quote and an empty file")
    func syntax() {
        let unclosed = "id,name\n\"37030301001000001,井盖\n"
        #expect(ComponentImport.parseCSV(unclosed, file: "u.csv").problems.contains { $0.line == 2 && $0.field == "" })
        #expect(ComponentImport.parseCSV("", file: "e.csv").problems.map(\.message) == ["the file has no header row"])
    }

    @Test("with a catalogue and requireGrid, the class checks join in")
    func catalogueChecks() {
        let csv = """
            id,name,authority_code,authority_name,status,initial_date,lon,lat,cover_material
            37030301001000001,井盖,\(code),城管局,intact,2026-11-29,118.05,36.81,木头
            """
        let (components, problems) = ComponentImport.parseCSV(
            csv, file: "c.csv", catalogue: ComponentFixtures.catalogue, requireGrid: true)
        #expect(components.isEmpty)
        #expect(problems.map(\.field) == ["grid_code", "cover_material"])
    }
}
