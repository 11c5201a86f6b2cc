import Foundation
import Testing

@testable import FinegrainCore

/// Deadlines on the 2026 calendar, each checked against a hand computation in its comment.
/// Office hours: 08:30–12:00 (210 min) and 13:30–17:30 (240 min), 450 min a working day.
@Suite("WorkingCalendar — deadlines and working time, by hand on 2026")
struct WorkingCalendarArithmeticTests {
    @Test("Fri 02-13 16:00 + 180 working min → Sat 02-14 (调休) 10:00")
    func fridayIntoMakeupSaturday() throws {
        let calendar = try CalendarFixtures.china()
        // Fri 02-13 16:00–17:30 = 90 min; 180 − 90 = 90 left.
        // Sat 02-14 is a makeup workday (春节 调休): 08:30 + 90 min = 10:00.
        let start = calendar.at("2026-02-13", 16)
        let due = calendar.adding(.workingMinutes(180), to: start)
        #expect(due == calendar.at("2026-02-14", 10))
        #expect(calendar.workingMinutes(from: start, to: due) == 180)
    }

    @Test("Sat 02-14 (调休) 17:00 + 60 working min → Tue 02-24 09:00, across the Spring Festival")
    func acrossSpringFestival() throws {
        let calendar = try CalendarFixtures.china()
        // Sat 02-14 17:00–17:30 = 30 min; 30 left.
        // 02-15 (Sun) … 02-23 (Mon) are all 春节 holidays; Tue 02-24 08:30 + 30 = 09:00.
        let start = calendar.at("2026-02-14", 17)
        #expect(calendar.adding(.workingMinutes(60), to: start) == calendar.at("2026-02-24", 9))
    }

    @Test("Wed 09-30 15:00 + 2 working days → Fri 10-09 15:00, across National Day")
    func acrossNationalDay() throws {
        let calendar = try CalendarFixtures.china()
        // 2 working days = 2 × 450 = 900 min.
        // Wed 09-30 15:00–17:30 = 150 min; 750 left.
        // 10-01 (Thu) … 10-07 (Wed) are 国庆节 holidays (10-03/04 are the weekend inside the break).
        // Thu 10-08 whole day = 450; 300 left.
        // Fri 10-09: 08:30–12:00 = 210, 90 left; 13:30 + 90 = 15:00. Done on 10-09, so the makeup
        // Saturday 10-10 is not reached here (it is checked in `intoNationalDayMakeupSaturday`).
        let start = calendar.at("2026-09-30", 15)
        let due = calendar.adding(.workingDays(2), to: start)
        #expect(due == calendar.at("2026-10-09", 15))
        #expect(calendar.workingMinutes(from: start, to: due) == 900)
    }

    @Test("Fri 10-09 17:00 + 60 working min → Sat 10-10 (调休) 09:00")
    func intoNationalDayMakeupSaturday() throws {
        let calendar = try CalendarFixtures.china()
        // Fri 10-09 17:00–17:30 = 30; Sat 10-10 is a makeup workday: 08:30 + 30 = 09:00.
        #expect(calendar.adding(.workingMinutes(60), to: calendar.at("2026-10-09", 17)) == calendar.at("2026-10-10", 9))
    }

    @Test("Sat 09-19 10:00 + 60 working min → Sun 09-20 (调休) 09:30; an ordinary Saturday is skipped")
    func makeupSunday() throws {
        let calendar = try CalendarFixtures.china()
        // 09-19 is an ordinary Saturday: nothing counts. Sun 09-20 is worked: 08:30 + 60 = 09:30.
        #expect(calendar.adding(.workingMinutes(60), to: calendar.at("2026-09-19", 10)) == calendar.at("2026-09-20", 9, 30))
        // Fri 03-06 17:30 + 30: Sat 03-07 and Sun 03-08 are ordinary weekend days → Mon 03-09 09:00.
        #expect(calendar.adding(.workingMinutes(30), to: calendar.at("2026-03-06", 17, 30)) == calendar.at("2026-03-09", 9))
    }

    @Test("a start outside office hours begins counting at the next period")
    func startsOutsideHours() throws {
        let calendar = try CalendarFixtures.china()
        // Mon 03-09 12:00 (end of the morning; periods are half-open) → 13:30 + 30 = 14:00.
        #expect(calendar.adding(.workingMinutes(30), to: calendar.at("2026-03-09", 12)) == calendar.at("2026-03-09", 14))
        // 12:45, in the lunch break → the same.
        #expect(calendar.adding(.workingMinutes(30), to: calendar.at("2026-03-09", 12, 45)) == calendar.at("2026-03-09", 14))
        // Thu 03-05 17:30 (end of day) → Fri 03-06 08:30 + 30 = 09:00.
        #expect(calendar.adding(.workingMinutes(30), to: calendar.at("2026-03-05", 17, 30)) == calendar.at("2026-03-06", 9))
        // Mon 03-09 03:00 → 08:30 + 30 = 09:00.
        #expect(calendar.adding(.workingMinutes(30), to: calendar.at("2026-03-09", 3)) == calendar.at("2026-03-09", 9))
        // Sat 10-03, inside the National Day break, 10:00 → Thu 10-08 08:30 + 60 = 09:30.
        #expect(calendar.adding(.workingMinutes(60), to: calendar.at("2026-10-03", 10)) == calendar.at("2026-10-08", 9, 30))
        // Nothing elapses outside office hours.
        #expect(calendar.workingMinutes(from: calendar.at("2026-03-09", 12), to: calendar.at("2026-03-09", 13, 30)) == 0)
        #expect(calendar.workingMinutes(from: calendar.at("2026-03-09", 17, 30), to: calendar.at("2026-03-10", 8, 30)) == 0)
    }

    @Test("a deadline is the first instant the time has elapsed: 08:30 + 210 → 12:00, not 13:30")
    func exactPeriodEnds() throws {
        let calendar = try CalendarFixtures.china()
        #expect(calendar.adding(.workingMinutes(210), to: calendar.at("2026-03-09", 8, 30)) == calendar.at("2026-03-09", 12))
        // 211 minutes: 210 in the morning, then 13:30 + 1.
        #expect(calendar.adding(.workingMinutes(211), to: calendar.at("2026-03-09", 8, 30)) == calendar.at("2026-03-09", 13, 31))
        // One working day from the start of a day ends at that day's 17:30.
        #expect(calendar.adding(.workingDays(1), to: calendar.at("2026-03-09", 8, 30)) == calendar.at("2026-03-09", 17, 30))
        // …and from 07:00 likewise; from 10:00 it ends 10:00 the next working day.
        #expect(calendar.adding(.workingDays(1), to: calendar.at("2026-03-09", 7)) == calendar.at("2026-03-09", 17, 30))
        #expect(calendar.adding(.workingDays(1), to: calendar.at("2026-03-09", 10)) == calendar.at("2026-03-10", 10))
        // Zero (or a negative amount) leaves the start unchanged.
        let start = calendar.at("2026-03-07", 3)
        #expect(calendar.adding(.workingMinutes(0), to: start) == start)
        #expect(calendar.adding(.workingDays(-2), to: start) == start)
    }

    @Test("working minutes across the Spring Festival = the surrounding partial days")
    func workingMinutesAcrossBreak() throws {
        let calendar = try CalendarFixtures.china()
        // Fri 02-13 10:00 → Tue 02-24 15:00:
        //   02-13: 10:00–12:00 = 120 + 13:30–17:30 = 240 → 360
        //   02-14 (Sat, 调休): whole day 450
        //   02-15 … 02-23: holidays, 0
        //   02-24: 08:30–12:00 = 210 + 13:30–15:00 = 90 → 300
        //   total 360 + 450 + 300 = 1110.
        let from = calendar.at("2026-02-13", 10), to = calendar.at("2026-02-24", 15)
        #expect(calendar.workingMinutes(from: from, to: to) == 1110)
        let parts = calendar.workingMinutes(from: from, to: calendar.at("2026-02-14", 0))
            + calendar.workingMinutes(from: calendar.at("2026-02-14", 0), to: calendar.at("2026-02-15", 0))
            + calendar.workingMinutes(from: calendar.at("2026-02-24", 0), to: to)
        #expect(parts == 1110)
        #expect(calendar.workingMinutes(from: calendar.at("2026-02-15", 0), to: calendar.at("2026-02-24", 0)) == 0)
        // Sat 02-14 16:00 → Tue 02-24 10:00: 90 + 90 = 180.
        #expect(calendar.workingMinutes(from: calendar.at("2026-02-14", 16), to: calendar.at("2026-02-24", 10)) == 180)
        // Reversed or empty intervals are 0.
        #expect(calendar.workingMinutes(from: to, to: from) == 0)
        #expect(calendar.workingMinutes(from: from, to: from) == 0)
    }

    @Test("natural minutes ignore the calendar")
    func naturalMinutes() throws {
        let calendar = try CalendarFixtures.china()
        // 02-15 is a holiday (Sunday), 23:00 + 120 min = 02-16 01:00, also a holiday.
        #expect(calendar.adding(.naturalMinutes(120), to: calendar.at("2026-02-15", 23)) == calendar.at("2026-02-16", 1))
        // During office hours it is the same as wall-clock arithmetic too.
        let start = calendar.at("2026-03-09", 11, 50)
        #expect(calendar.adding(.naturalMinutes(30), to: start) == start.addingTimeInterval(1800))
        #expect(calendar.elapsed(.naturalMinutes(120), from: calendar.at("2026-02-15", 23), to: calendar.at("2026-02-16", 0)) == 0.5)
    }

    @Test("elapsed fraction for the lights")
    func elapsedFraction() throws {
        let calendar = try CalendarFixtures.china()
        let start = calendar.at("2026-09-30", 15)
        // 2 working days = 900 min. By Thu 10-08 17:30: 150 + 450 = 600 → 2/3.
        #expect(abs(calendar.elapsed(.workingDays(2), from: start, to: calendar.at("2026-10-08", 17, 30)) - 600.0 / 900.0) < 1e-12)
        // Over the holiday nothing more is used: 09-30 17:30 → 10-07 23:00 stays at 150 / 900.
        #expect(abs(calendar.elapsed(.workingDays(2), from: start, to: calendar.at("2026-10-07", 23)) - 150.0 / 900.0) < 1e-12)
        // At the deadline exactly 1; a working day later 1.5 (overdue).
        #expect(calendar.elapsed(.workingDays(2), from: start, to: calendar.at("2026-10-09", 15)) == 1)
        // Fri 10-09 15:00 → Sat 10-10 (调休) 15:00 = 150 + 300 = 450 more → 1350 / 900 = 1.5.
        #expect(calendar.elapsed(.workingDays(2), from: start, to: calendar.at("2026-10-10", 15)) == 1.5)
        // Before the start nothing is used; a zero limit is due at once.
        #expect(calendar.elapsed(.workingMinutes(60), from: start, to: calendar.at("2026-09-01", 9)) == 0)
        #expect(calendar.elapsed(.naturalMinutes(60), from: start, to: calendar.at("2026-09-01", 9)) == 0)
        #expect(calendar.elapsed(.workingMinutes(0), from: start, to: start) == 1)
    }

    @Test("a deadline past the published data is still computed, and isCovered says it is uncertain")
    func pastCoverage() throws {
        let calendar = try CalendarFixtures.china()
        // Thu 2026-12-31 17:00 + 60: 30 min that day; 2027-01-01 (Fri) is not yet published, so it
        // counts as a weekday: 08:30 + 30 = 09:00 — and 2027-01-01 is not covered.
        let due = calendar.adding(.workingMinutes(60), to: calendar.at("2026-12-31", 17))
        #expect(due == calendar.at("2027-01-01", 9))
        #expect(!calendar.isCovered(calendar.localDate(of: due)))
    }

    @Test("WorkDuration encodes as unit and amount")
    func durationCoding() throws {
        let durations: [WorkDuration] = [.workingMinutes(60), .workingDays(3), .naturalMinutes(120)]
        let data = try JSONEncoder().encode(durations)
        #expect(try JSONDecoder().decode([WorkDuration].self, from: data) == durations)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let one = try encoder.encode(WorkDuration.workingDays(3))
        #expect(String(decoding: one, as: UTF8.self) == #"{"amount":3,"unit":"workingDays"}"#)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(WorkDuration.self, from: Data(#"{"unit":"workingDays","amount":-1}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(WorkDuration.self, from: Data(#"{"unit":"fortnights","amount":1}"#.utf8))
        }
        #expect(WorkDuration.workingDays(3).description == "3 working days")
        #expect(WorkDuration.workingMinutes(1).description == "1 working minute")
        #expect(!WorkDuration.naturalMinutes(5).isWorkingTime)
    }
}
