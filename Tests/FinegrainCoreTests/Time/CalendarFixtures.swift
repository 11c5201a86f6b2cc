import Foundation

@testable import FinegrainCore

/// The real State Council calendar shipped with the demo city, and helpers to write instants as
/// local Beijing times.
enum CalendarFixtures {
    static let beijing = TimeZone(identifier: "Asia/Shanghai")!

    /// The text of `Sources/FinegrainDemo/Resources/zibo/cn_workcalendar.csv`.
    static func chinaCSV(filePath: String = #filePath) throws -> String {
        let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        let url = directory.appendingPathComponent("../../../Sources/FinegrainDemo/Resources/zibo/cn_workcalendar.csv").standardized
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The calendar parsed from that file, with the standard 08:30–12:00, 13:30–17:30 hours.
    static func china() throws -> WorkingCalendar {
        try WorkingCalendar.parseCSV(try chinaCSV())
    }

    /// A date literal; traps on a typo in the test itself.
    static func day(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso) else { fatalError("bad date literal \(iso)") }
        return date
    }
}

extension WorkingCalendar {
    /// `calendar.at("2026-02-13", 16, 0)`: 16:00 Beijing time on that day.
    func at(_ iso: String, _ hour: Int, _ minute: Int = 0) -> Date {
        instant(on: CalendarFixtures.day(iso), hour: hour, minute: minute)
    }
}
