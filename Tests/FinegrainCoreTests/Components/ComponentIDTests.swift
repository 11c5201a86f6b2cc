import Foundation
import Testing

@testable import FinegrainCore

@Suite("ComponentID")
struct ComponentIDTests {
    @Test("the Suzhou legacy example parses into its parts")
    func suzhouLegacy() throws {
        let id = try ComponentID("3205080101000001")
        #expect(id.isLegacy)
        #expect(id.adminCode == "320508")
        #expect(id.classCode == "0101")
        #expect(id.majorCode == "01")
        #expect(id.minorCode == "01")
        #expect(id.serial == 1)
        #expect(id.description == "3205080101000001")
    }

    @Test("a new 17-digit ID parses, surrounding whitespace ignored")
    func newForm() throws {
        let id = try ComponentID(" 37030304002000123\n")
        #expect(!id.isLegacy)
        #expect(id.text == "37030304002000123")
        #expect(id.adminCode == "370303")
        #expect(id.classCode == "04002")
        #expect(id.majorCode == "04")
        #expect(id.minorCode == "002")
        #expect(id.serial == 123)
    }

    @Test("make pads the serial and round-trips")
    func make() throws {
        let id = try ComponentID.make(adminCode: "370303", classCode: "01001", serial: 42)
        #expect(id.text == "37030301001000042")
        #expect(try ComponentID(id.text) == id)
        #expect(try ComponentID.make(adminCode: "370303", classCode: "01001", serial: 999_999).serial == 999_999)
    }

    @Test("every parse error", arguments: [
        ("3205080101", ComponentIDError.wrongLength("3205080101", count: 10)),
        ("370303010010000011", .wrongLength("370303010010000011", count: 18)),
        ("", .wrongLength("", count: 0)),
        ("37030301001A00001", .notDigits("37030301001A00001")),
        ("3703030100１000001", .notDigits("3703030100１000001")),
        ("10030301001000001", .provinceOutOfRange(adminCode: "100303")),
        ("90030301001000001", .provinceOutOfRange(adminCode: "900303")),
        ("37030001001000001", .notCountyLevel(adminCode: "370300")),
        ("37030301001000000", .zeroSerial("37030301001000000")),
        ("3205080101000000", .zeroSerial("3205080101000000")),
    ])
    func parseErrors(text: String, expected: ComponentIDError) {
        #expect(throws: expected) { try ComponentID(text) }
    }

    @Test("every make error")
    func makeErrors() {
        #expect(throws: ComponentIDError.adminCodeNotSixDigits("37030")) { try ComponentID.make(adminCode: "37030", classCode: "01001", serial: 1) }
        #expect(throws: ComponentIDError.adminCodeNotSixDigits("37a303")) { try ComponentID.make(adminCode: "37a303", classCode: "01001", serial: 1) }
        #expect(throws: ComponentIDError.notCountyLevel(adminCode: "370300")) { try ComponentID.make(adminCode: "370300", classCode: "01001", serial: 1) }
        #expect(throws: ComponentIDError.provinceOutOfRange(adminCode: "990303")) { try ComponentID.make(adminCode: "990303", classCode: "01001", serial: 1) }
        #expect(throws: ComponentIDError.invalidClassCode("0101")) { try ComponentID.make(adminCode: "370303", classCode: "0101", serial: 1) }
        #expect(throws: ComponentIDError.serialOutOfRange(0)) { try ComponentID.make(adminCode: "370303", classCode: "01001", serial: 0) }
        #expect(throws: ComponentIDError.serialOutOfRange(1_000_000)) { try ComponentID.make(adminCode: "370303", classCode: "01001", serial: 1_000_000) }
    }

    @Test("errors have English and Chinese messages")
    func messages() {
        let error = ComponentIDError.wrongLength("320500010100001", count: 15)
        #expect(error.description.contains("17 digits"))
        #expect(error.descriptionZH == "部件标识码“320500010100001”应为 17 位（或旧标准 16 位），实为 15 位")
        #expect(ComponentIDError.notCountyLevel(adminCode: "320500").descriptionZH.contains("县级"))
    }

    @Test("ordering and Codable")
    func orderingAndCodable() throws {
        let a = try ComponentID("37030301001000001"), b = try ComponentID("37030301001000002")
        #expect(a < b)
        let data = try JSONEncoder().encode([a])
        #expect(String(decoding: data, as: UTF8.self) == #"["37030301001000001"]"#)
        #expect(try JSONDecoder().decode([ComponentID].self, from: data) == [a])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ComponentID].self, from: Data(#"["123"]"#.utf8)) }
    }
}
