import Foundation
import Testing

@testable import FinegrainCore

@Suite("WorkingCalendar — properties over random instants")
struct WorkingCalendarPropertyTests {
    /// A random instant between 2025-12-01 and 2027-02-01 Beijing time (spanning the end of the
    /// data), with a random second and sub-second part.
    private func randomInstant(_ random: inout SeededGenerator, _ calendar: WorkingCalendar) -> Date {
        let from = calendar.at("2025-12-01", 0).timeIntervalSince1970
        let to = calendar.at("2027-02-01", 0).timeIntervalSince1970
        return Date(timeIntervalSince1970: from + (to - from) * random.nextUnit())
    }

    /// Starts on a minute boundary, one in four exactly on an office-hours boundary.
    private func randomMinute(_ random: inout SeededGenerator, _ calendar: WorkingCalendar) -> Date {
        let instant = randomInstant(&random, calendar)
        let day = calendar.localDate(of: instant)
        if random.next() % 4 == 0 {
            let edges = [(8, 30), (12, 0), (13, 30), (17, 30), (0, 0)]
            let edge = edges[Int(random.next() % UInt64(edges.count))]
            return calendar.instant(on: day, hour: edge.0, minute: edge.1)
        }
        let minute = Int(random.next() % 1440)
        return calendar.instant(on: day, hour: minute / 60, minute: minute % 60)
    }

    @Test("round trip: workingMinutes(s, adding(m, s)) == m", arguments: [UInt64(1), 2, 3])
    func roundTrip(seed: UInt64) throws {
        let calendar = try CalendarFixtures.china()
        var random = SeededGenerator(seed: seed)
        for _ in 0..<2000 {
            let start = random.next() % 2 == 0 ? randomInstant(&random, calendar) : randomMinute(&random, calendar)
            let minutes = Int(random.next() % 6000)
            let due = calendar.adding(.workingMinutes(minutes), to: start)
            #expect(calendar.workingMinutes(from: start, to: due) == minutes, "start \(start) + \(minutes)")
            #expect(due >= start)
            // The second before a deadline is working time (except for a zero duration).
            if minutes > 0 {
                #expect(abs(calendar.workingSeconds(from: due.addingTimeInterval(-1), to: due) - 1) < 1e-6, "due \(due) not at working time")
            }
            // Milliseconds as the store keeps them round-trip too.
            let stored = Date(timeIntervalSince1970: (due.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
            let storedStart = Date(timeIntervalSince1970: (start.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
            #expect(calendar.workingMinutes(from: storedStart, to: stored) == minutes)
        }
    }

    @Test("adding is additive and working days are 450 working minutes")
    func additive() throws {
        let calendar = try CalendarFixtures.china()
        var random = SeededGenerator(seed: 7)
        for _ in 0..<1000 {
            let start = randomMinute(&random, calendar)
            let a = Int(random.next() % 3000), b = Int(random.next() % 3000) + 1
            let once = calendar.adding(.workingMinutes(a + b), to: start)
            let twice = calendar.adding(.workingMinutes(b), to: calendar.adding(.workingMinutes(a), to: start))
            #expect(once == twice)
            let days = Int(random.next() % 30)
            #expect(calendar.adding(.workingDays(days), to: start) == calendar.adding(.workingMinutes(days * 450), to: start))
        }
    }

    @Test("workingMinutes matches a minute-by-minute count using Foundation's Calendar")
    func matchesReference() throws {
        let calendar = try CalendarFixtures.china()
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = CalendarFixtures.beijing
        var random = SeededGenerator(seed: 11)
        for _ in 0..<60 {
            let from = randomMinute(&random, calendar)
            let to = from.addingTimeInterval(Double(random.next() % (12 * 1440)) * 60)
            // Reference: walk minute by minute, deciding each minute with Foundation's calendar.
            var expected = 0
            var minute = from
            while minute < to {
                let parts = gregorian.dateComponents([.year, .month, .day, .hour, .minute], from: minute)
                if let date = LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0),
                   calendar.isWorkingDay(date) {
                    let ofDay = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
                    if (510..<720).contains(ofDay) || (810..<1050).contains(ofDay) { expected += 1 }
                }
                minute.addTimeInterval(60)
            }
            #expect(calendar.workingMinutes(from: from, to: to) == expected, "\(from) → \(to)")
        }
    }

    @Test("a one-year span is computed by skipping whole days")
    func longSpan() throws {
        let calendar = try CalendarFixtures.china()
        let start = calendar.at("2026-01-01", 0)
        let end = calendar.at("2027-01-01", 0)
        // 248 working days in 2026 × 450 min.
        #expect(calendar.workingMinutes(from: start, to: end) == 248 * 450)
        // The 248th working day of 2026 ends at its 17:30: Thu 12-31.
        #expect(calendar.adding(.workingDays(248), to: start) == calendar.at("2026-12-31", 17, 30))
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<100 {
                _ = calendar.workingMinutes(from: start, to: end)
                _ = calendar.adding(.workingDays(248), to: start)
            }
        }
        // Generous for debug builds and busy machines; release timing is far below (see report).
        #expect(elapsed < .seconds(1))
    }
}
