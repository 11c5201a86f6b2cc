import Foundation
import Testing

@testable import FinegrainCore

@Suite("WorkingCalendar — which days are worked (real State Council data)")
struct WorkingCalendarDaysTests {
    let day = CalendarFixtures.day

    @Test("the shipped CSV loads: 2026 has 33 holiday and 6 workday rows; coverage is 2004…2026")
    func realFile() throws {
        let calendar = try CalendarFixtures.china()
        let rows2026 = calendar.days.filter { $0.date.year == 2026 }
        #expect(rows2026.filter { $0.kind == .holiday }.count == 33)
        #expect(rows2026.filter { $0.kind == .workday }.count == 6)
        #expect(calendar.days.count == 771)
        #expect(calendar.coverage.lowerBound == day("2004-01-01"))
        #expect(calendar.coverage.upperBound == day("2026-12-31"))
        #expect(calendar.isCovered(day("2026-12-31")))
        #expect(calendar.isCovered(day("2004-01-01")))
        #expect(!calendar.isCovered(day("2027-01-04")))
        #expect(!calendar.isCovered(day("2003-12-31")))
        #expect(calendar.minutesPerWorkingDay == 450)
        #expect(calendar.workingHours == WorkingPeriod.standard)
        #expect(calendar.timeZone.identifier == "Asia/Shanghai")
    }

    @Test("makeup workdays, holidays and ordinary weekends of 2026")
    func days2026() throws {
        let calendar = try CalendarFixtures.china()
        // 调休: weekend days that are worked.
        for worked in ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"] {
            #expect(calendar.isWorkingDay(day(worked)), "\(worked) is a makeup workday")
            #expect(day(worked).weekday.isWeekend)
            #expect(calendar.holidayName(day(worked)) == nil)
            #expect(calendar.entry(for: day(worked))?.kind == .workday)
        }
        #expect(day("2026-09-20").weekday == .sunday)
        #expect(day("2026-10-10").weekday == .saturday)
        // The Spring Festival break 02-15 … 02-23, National Day 10-01 … 10-07.
        for offset in 0...8 { #expect(!calendar.isWorkingDay(day("2026-02-15").adding(days: offset))) }
        for offset in 0...6 { #expect(!calendar.isWorkingDay(day("2026-10-01").adding(days: offset))) }
        #expect(!calendar.isWorkingDay(day("2026-10-03")))            // a Saturday inside the break
        #expect(calendar.holidayName(day("2026-10-03")) == "国庆节")
        #expect(calendar.holidayName(day("2026-02-17")) == "春节")
        #expect(calendar.holidayName(day("2026-09-25")) == "中秋")
        // Ordinary days.
        #expect(!calendar.isWorkingDay(day("2026-03-07")))            // an ordinary Saturday
        #expect(calendar.holidayName(day("2026-03-07")) == nil)
        #expect(calendar.entry(for: day("2026-03-07")) == nil)
        #expect(calendar.isWorkingDay(day("2026-03-09")))             // an ordinary Monday
        #expect(calendar.isWorkingDay(day("2026-02-13")))             // Friday before the break
        #expect(calendar.isWorkingDay(day("2026-02-24")))             // Tuesday after it
        #expect(calendar.isWorkingDay(day("2026-10-08")))
        #expect(calendar.isWorkingDay(day("2026-10-09")))
    }

    @Test("2026 has 248 working days, as the published arrangement implies")
    func count2026() throws {
        // 261 Monday–Friday days in 2026; holidays on weekdays: 元旦 1-01, 1-02 (2);
        // 春节 2-16…2-20, 2-23 (6); 清明 4-06 (1); 劳动节 5-01, 5-04, 5-05 (3); 端午 6-19 (1);
        // 中秋 9-25 (1); 国庆 10-01, 10-02, 10-05, 10-06, 10-07 (5) = 19; plus 6 makeup weekend days.
        // 261 − 19 + 6 = 248.
        let calendar = try CalendarFixtures.china()
        let first = day("2026-01-01")
        let worked = (0..<365).filter { calendar.isWorkingDay(first.adding(days: $0)) }.count
        let weekdays = (0..<365).filter { !first.adding(days: $0).weekday.isWeekend }.count
        #expect(weekdays == 261)
        #expect(worked == 248)
    }

    @Test("next working day skips holidays and lands on makeup days")
    func nextWorkingDay() throws {
        let calendar = try CalendarFixtures.china()
        #expect(calendar.nextWorkingDay(after: day("2026-02-13")) == day("2026-02-14"))   // Fri → Sat (调休)
        #expect(calendar.nextWorkingDay(after: day("2026-02-14")) == day("2026-02-24"))   // across 春节
        #expect(calendar.nextWorkingDay(after: day("2026-09-30")) == day("2026-10-08"))   // across 国庆
        #expect(calendar.nextWorkingDay(after: day("2026-10-09")) == day("2026-10-10"))   // Fri → Sat (调休)
        #expect(calendar.nextWorkingDay(after: day("2026-03-06")) == day("2026-03-09"))   // ordinary weekend
    }

    @Test("beyond the data only weekends are known — and the calendar says so")
    func beyondCoverage() throws {
        let calendar = try CalendarFixtures.china()
        // 2027-01-01 is a Friday; its New Year holiday is not published yet, so it counts as worked,
        // and isCovered(…) is false so callers can warn.
        #expect(day("2027-01-01").weekday == .friday)
        #expect(calendar.isWorkingDay(day("2027-01-01")))
        #expect(!calendar.isCovered(day("2027-01-01")))
        #expect(!calendar.isWorkingDay(day("2027-01-02")))           // Saturday
        #expect(calendar.isWorkingDay(day("2003-12-31")))            // Wednesday before the data
    }

    @Test("local dates of instants follow Beijing time, not UTC")
    func localDates() throws {
        let calendar = try CalendarFixtures.china()
        let lateEvening = calendar.at("2026-02-13", 23, 30)                    // 15:30 UTC
        #expect(calendar.localDate(of: lateEvening) == day("2026-02-13"))
        let earlyMorning = calendar.at("2026-02-14", 0, 30)                    // 16:30 UTC the day before
        #expect(calendar.localDate(of: earlyMorning) == day("2026-02-14"))
        #expect(earlyMorning.timeIntervalSince1970 == 1_771_000_200)           // 2026-02-13T16:30:00Z
    }

    @Test("working periods are sorted and merged; a calendar built in code works the same")
    func construction() {
        let periods = [WorkingPeriod(hour: 13, minute: 30, toHour: 17, minute: 30),
                       WorkingPeriod(hour: 8, minute: 30, toHour: 12, minute: 0),
                       WorkingPeriod(hour: 11, minute: 0, toHour: 12, minute: 0)]
        let calendar = WorkingCalendar(
            days: [CalendarDay(date: day("2026-02-14"), kind: .workday, name: "春节")],
            timeZone: CalendarFixtures.beijing, workingHours: periods)
        #expect(calendar.workingHours == WorkingPeriod.standard)
        #expect(calendar.minutesPerWorkingDay == 450)
        #expect(calendar.coverage == day("2026-01-01")...day("2026-12-31"))
        #expect(calendar.isWorkingDay(day("2026-02-14")))
        #expect(calendar.isWorkingDay(day("2026-02-16")))       // not listed here: an ordinary Monday
        #expect(WorkingPeriod.standard.map(\.description) == ["08:30–12:00", "13:30–17:30"])
        #expect(WorkingPeriod(validating: 720, end: 700) == nil)
        #expect(WorkingPeriod(validating: 0, end: 1441) == nil)
    }
}
