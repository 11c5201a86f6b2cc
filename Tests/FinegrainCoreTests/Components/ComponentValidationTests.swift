import Foundation
import Testing

@testable import FinegrainCore

@Suite("Component validation and history")
struct ComponentValidationTests {
    let catalogue = ComponentFixtures.catalogue

    @Test("the fixture credit codes are valid")
    func fixtureCodes() throws {
        _ = try CreditCode(ComponentFixtures.authorityCode)
        _ = try CreditCode(ComponentFixtures.ownerCode)
    }

    @Test("a complete component has no problem")
    func valid() {
        #expect(ComponentFixtures.cover().validate(catalogue: catalogue) == [])
        var legacy = ComponentFixtures.cover(id: "3205080101000001")
        legacy.classCode = "0101"
        legacy.attributes = [:]
        legacy.gridCode = "32050800100101"  // 14-digit legacy grid code
        legacy.subdistrictCode = nil
        legacy.communityCode = nil
        #expect(legacy.validate(catalogue: catalogue) == [])
    }

    @Test("every problem is listed at once")
    func manyProblems() {
        var c = ComponentFixtures.cover()
        c.classCode = "01002"                          // does not match the ID, and inactive
        c.name = String(repeating: "井", count: 31)
        c.authorityCode = "91370303MA3C4XUL53"          // wrong check character
        c.authorityName = " "
        c.maintainerCode = "123"
        c.ownerName = String(repeating: "单", count: 101)
        c.gridCode = "370303001"
        c.changedDate = ComponentFixtures.date("2026-01-01")
        c.note = String(repeating: "注", count: 1001)
        c.subdistrictCode = "37030300"
        c.communityCode = "370303002001"
        c.geometry = .point(Coordinate(lon: 200, lat: 36))
        c.attributes = ["colour": "red"]
        let problems = c.validate(catalogue: catalogue)
        let fields = problems.map(\.field)
        #expect(fields == [
            "name", "classCode", "authorityCode", "authorityName", "ownerName", "maintainerCode", "gridCode", "changedDate",
            "note", "subdistrictCode", "geometry", "classCode", "attributes.colour",
        ])
        #expect(problems.allSatisfy { $0.componentID == c.id && !$0.message.isEmpty && !$0.messageZH.isEmpty })
        #expect(problems[1].message.contains("class part of the ID"))
        #expect(problems[11].messageZH.contains("已停用"))
        #expect(problems[2].messageZH.contains("校验码错误"))
    }

    @Test("extension attributes: required, invalid and unknown")
    func attributes() {
        var c = ComponentFixtures.cover()
        c.attributes = ["diameter_cm": "wide", "colour": "red"]
        let problems = c.validate(catalogue: catalogue)
        #expect(problems.map(\.field) == ["attributes.cover_material", "attributes.diameter_cm", "attributes.colour"])
        #expect(problems[0].messageZH.contains("必填扩展属性"))
        #expect(problems[1].message.contains("not a number"))
    }

    @Test("ID, class and grid problems")
    func idAndClass() {
        var c = ComponentFixtures.cover(id: "37030001001000001")
        c.gridCode = nil
        #expect(c.validate(catalogue: catalogue).map(\.field) == ["id", "gridCode"])
        #expect(c.validate(catalogue: catalogue, requireGrid: false).map(\.field) == ["id"])

        var unknown = ComponentFixtures.cover(id: "37030309999000001")
        unknown.classCode = "09999"
        let problems = unknown.validate(catalogue: catalogue)
        #expect(problems.map(\.field) == ["classCode"])  // attributes cannot be checked without the class

        var matter = ComponentFixtures.cover(id: "37030301003000001")
        matter.classCode = "01003"  // exists only as a matter class
        #expect(matter.validate(catalogue: catalogue).map(\.field) == ["classCode"])
    }

    @Test("changes list every differing field with text values")
    func changes() {
        let old = ComponentFixtures.cover()
        var new = old
        #expect(new.changes(from: old).isEmpty)
        new.status = .damaged
        new.changedDate = ComponentFixtures.date("2026-12-01")
        new.note = "井盖破损"
        new.geometry = .point(Coordinate(lon: 118.06, lat: 36.81))
        new.attributes = ["cover_material": "混凝土", "diameter_cm": "70"]
        #expect(new.changes(from: old) == [
            ComponentChange(field: "status", old: "intact", new: "damaged"),
            ComponentChange(field: "changedDate", old: nil, new: "2026-12-01"),
            ComponentChange(field: "note", old: nil, new: "井盖破损"),
            ComponentChange(
                field: "geometry", old: #"{"type":"Point","coordinates":[118.05,36.81]}"#,
                new: #"{"type":"Point","coordinates":[118.06,36.81]}"#),
            ComponentChange(field: "attributes.cover_material", old: "铸铁", new: "混凝土"),
            ComponentChange(field: "attributes.diameter_cm", old: nil, new: "70"),
        ])
        var removed = old
        removed.attributes = [:]
        removed.synthetic = true
        #expect(removed.changes(from: old) == [
            ComponentChange(field: "synthetic", old: "false", new: "true"),
            ComponentChange(field: "attributes.cover_material", old: "铸铁", new: nil),
        ])
    }

    @Test("a component round-trips through JSON")
    func codable() throws {
        var c = ComponentFixtures.cover()
        c.changedDate = ComponentFixtures.date("2026-12-01")
        c.geometry = .polygon(ComponentFixtures.lShape)
        let data = try JSONEncoder().encode(c)
        let back = try JSONDecoder().decode(Component.self, from: data)
        #expect(back == c)
        #expect(c.componentID?.classCode == "01001")
        #expect(c.classKind == .component)
    }
}
