import Foundation
import Testing

@testable import FinegrainCore

@Suite("LocalDate — plain calendar dates")
struct LocalDateTests {
    @Test("parses YYYY-MM-DD exactly and rejects everything else")
    func parsing() {
        let date = LocalDate("2026-02-14")
        #expect(date?.year == 2026 && date?.month == 2 && date?.day == 14)
        #expect(LocalDate("2024-02-29") != nil)          // leap year
        for bad in ["2026-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-4-1",
                    "26-04-01", "2026/04/01", "2026-04-01 ", "", "abcd-ef-gh", "0000-01-01", "２０２６-01-01"] {
            #expect(LocalDate(bad) == nil, "\(bad) should be rejected")
        }
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)
    }

    @Test("weekday, day arithmetic and order")
    func arithmetic() {
        let day = CalendarFixtures.day
        #expect(day("1970-01-01").daysSince1970 == 0)
        #expect(day("1970-01-01").weekday == .thursday)
        #expect(day("2026-02-13").weekday == .friday)
        #expect(day("2026-02-14").weekday == .saturday)
        #expect(day("2026-09-20").weekday == .sunday)
        #expect(day("2026-09-30").weekday == .wednesday)
        #expect(day("1969-12-31").weekday == .wednesday)
        #expect(day("1969-12-31").daysSince1970 == -1)
        #expect(day("2026-02-14").adding(days: 10) == day("2026-02-24"))
        #expect(day("2026-12-31").adding(days: 1) == day("2027-01-01"))
        #expect(day("2024-03-01").adding(days: -1) == day("2024-02-29"))
        #expect(day("2026-01-01").days(to: day("2027-01-01")) == 365)
        #expect(day("2026-02-28") < day("2026-03-01"))
        #expect(day("2025-12-31") < day("2026-01-01"))
        #expect(day("2026-02-14").description == "2026-02-14")
        #expect(LocalDate(year: 7, month: 3, day: 5)?.description == "0007-03-05")
        #expect(LocalDate.Weekday.friday.description == "Friday")
    }

    @Test("day numbers agree with Foundation's Gregorian calendar over 1900–2100")
    func agreesWithFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var number = LocalDate(year: 1900, month: 1, day: 1)!.daysSince1970
        let last = LocalDate(year: 2100, month: 12, day: 31)!.daysSince1970
        var mismatches = 0
        while number <= last {
            let date = LocalDate(daysSince1970: number)
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(number) * 86_400))
            // Foundation: 1 = Sunday … 7 = Saturday; ISO: 1 = Monday … 7 = Sunday.
            let isoWeekday = ((parts.weekday ?? 0) + 5) % 7 + 1
            if parts.year != date.year || parts.month != date.month || parts.day != date.day
                || isoWeekday != date.weekday.rawValue || date.daysSince1970 != number {
                mismatches += 1
            }
            number += 1
        }
        #expect(mismatches == 0)
    }

    @Test("encodes as the ISO string")
    func codable() throws {
        let data = try JSONEncoder().encode([CalendarFixtures.day("2026-10-10")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-10-10"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [CalendarFixtures.day("2026-10-10")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }
}
