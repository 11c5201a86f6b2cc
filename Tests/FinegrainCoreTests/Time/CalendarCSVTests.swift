import Foundation
import Testing

@testable import FinegrainCore

@Suite("WorkingCalendar.parseCSV — every bad line is named")
struct CalendarCSVTests {
    /// The error `text` is rejected with, or nil if it loads.
    private func error(_ text: String) -> CalendarError? {
        do {
            _ = try WorkingCalendar.parseCSV(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("a misspelt kind names line and field")
    func badKind() {
        var lines = ["date,kind,name"]
        for offset in 0..<10 { lines.append("\(CalendarFixtures.day("2026-10-01").adding(days: offset % 7)),holiday,国庆节") }
        lines = Array(lines.prefix(8)) + ["", "", "", "2026-02-16,holday,春节"]     // line 12, after blank lines
        let failure = error(lines.joined(separator: "\n"))
        #expect(failure == CalendarError(line: 12, field: "kind", reason: .unknownKind("holday")))
        #expect(failure?.description == #"line 12: kind "holday" is not holiday or workday"#)
    }

    @Test("malformed dates, wrong field counts, duplicates and weekday workdays")
    func badLines() {
        #expect(error("date,kind,name\n2026-02-30,holiday,x") == CalendarError(line: 2, field: "date", reason: .malformedDate("2026-02-30")))
        #expect(error("date,kind,name\n2026/02/16,holiday,x")?.description == #"line 2: date "2026/02/16" is not a valid YYYY-MM-DD date"#)
        #expect(error("date,kind,name\n2026-02-16,holiday") == CalendarError(line: 2, field: nil, reason: .wrongFieldCount(2)))
        #expect(error("date,kind,name\n2026-02-16,holiday,春节,extra") == CalendarError(line: 2, field: nil, reason: .wrongFieldCount(4)))
        let duplicate = error("date,kind,name\n2026-02-16,holiday,春节\n2026-02-17,holiday,春节\n2026-02-16,holiday,春节")
        #expect(duplicate == CalendarError(line: 4, field: "date", reason: .duplicateDate(CalendarFixtures.day("2026-02-16"), firstLine: 2)))
        #expect(duplicate?.description == "line 4: date 2026-02-16 is already listed on line 2")
        // 2026-02-13 is a Friday: a workday row there changes nothing, so it is a typo.
        let weekday = error("date,kind,name\n2026-02-13,workday,春节")
        #expect(weekday == CalendarError(line: 2, field: "kind", reason: .workdayOnWeekday(CalendarFixtures.day("2026-02-13"), .friday)))
        #expect(weekday?.description.hasPrefix("line 2: date 2026-02-13 is a Friday") == true)
    }

    @Test("header, empty file and no rows")
    func headerAndEmpty() {
        #expect(error("") == CalendarError(line: 0, field: nil, reason: .empty))
        #expect(error("\n\n") == CalendarError(line: 0, field: nil, reason: .empty))
        #expect(error("date,kind\n2026-02-16,holiday,春节") == CalendarError(line: 1, field: nil, reason: .badHeader("date,kind")))
        #expect(error("2026-02-16,holiday,春节")?.line == 1)
        #expect(error("date,kind,name\n") == CalendarError(line: 2, field: nil, reason: .noRows))
        #expect(throws: CalendarError(line: 0, field: "workingHours", reason: .noWorkingHours)) {
            try WorkingCalendar.parseCSV("date,kind,name\n2026-02-16,holiday,春节", workingHours: [])
        }
    }

    @Test("tolerates a BOM, CRLF, spaces, blank lines and any order")
    func tolerant() throws {
        let text = "\u{FEFF}date,kind,name\r\n\r\n 2026-02-16 , holiday , 春节 \r\n2026-02-14,workday,春节\r\n"
        let calendar = try WorkingCalendar.parseCSV(text)
        #expect(calendar.days.map(\.date) == [CalendarFixtures.day("2026-02-14"), CalendarFixtures.day("2026-02-16")])
        #expect(calendar.holidayName(CalendarFixtures.day("2026-02-16")) == "春节")
        #expect(calendar.isWorkingDay(CalendarFixtures.day("2026-02-14")))
    }

    @Test("time zone and working hours are configurable")
    func configuration() throws {
        let summer = [WorkingPeriod(hour: 8, minute: 0, toHour: 12, minute: 0), WorkingPeriod(hour: 14, minute: 30, toHour: 18, minute: 0)]
        let calendar = try WorkingCalendar.parseCSV(try CalendarFixtures.chinaCSV(), workingHours: summer)
        #expect(calendar.minutesPerWorkingDay == 450)
        // Mon 2026-07-06 11:00 + 120: 11:00–12:00 = 60, then 14:30 + 60 = 15:30.
        #expect(calendar.adding(.workingMinutes(120), to: calendar.at("2026-07-06", 11)) == calendar.at("2026-07-06", 15, 30))
        #expect(calendar.timeZone.identifier == "Asia/Shanghai")
    }
}
