import BridgeRules
import Foundation
import Testing

@Suite("CalendarMonth: YYYY-MM and its usage window (B4)")
struct CalendarMonthTests {
    @Test("YYYY-MM parses; its first and last day, start and end instants are the month's")
    func parses() throws {
        let month = try CalendarMonth(parsing: "2024-02")
        #expect(month.description == "2024-02")
        #expect(month.first == (try day("2024-02-01")))
        #expect(month.last == (try day("2024-02-29")))
        #expect(month.start == (try utc("2024-02-01T00:00:00Z")))
        #expect(month.end == (try utc("2024-03-01T00:00:00Z")))
        #expect(try CalendarMonth(parsing: "2023-12").end == (try utc("2024-01-01T00:00:00Z")))
        #expect(try CalendarMonth(parsing: "0001-01").description == "0001-01")
        #expect(CalendarMonth(containing: try day("2026-11-22")) == (try CalendarMonth(parsing: "2026-11")))
        #expect(try CalendarMonth(parsing: "2025-12") < (try CalendarMonth(parsing: "2026-01")))
    }

    @Test(
        "anything but YYYY-MM with a month 01-12 is refused, naming the expected form",
        arguments: ["2026-13", "26-01", "2026-1", "2026-00", "2026-01-01", "2026/01", "", "2026-", "-01", "２０２６-01", "2026-1a", " 2026-01", "0000-01"])
    func refuses(text: String) {
        #expect(throws: CalendarMonth.Malformed(text: text)) { try CalendarMonth(parsing: text) }
        let message = CalendarMonth.Malformed(text: text).description
        #expect(message.contains("YYYY-MM") && message.contains("'\(text)'"))
    }

    @Test("B4: the current month's window is the 1st to today, still growing; a past month is whole; a future one has none")
    func windows() throws {
        let month = try CalendarMonth(parsing: "2024-05")
        #expect(month.usageWindow(today: try day("2024-05-15")) == UsageReportWindow(first: try day("2024-05-01"), last: try day("2024-05-15"), includesToday: true))
        #expect(month.usageWindow(today: try day("2024-05-01"))?.includesToday == true)
        #expect(month.usageWindow(today: try day("2024-05-31"))?.last == (try day("2024-05-31")))
        let past = try #require(month.usageWindow(today: try day("2024-06-01")))
        #expect(past == UsageReportWindow(first: try day("2024-05-01"), last: try day("2024-05-31"), includesToday: false))
        #expect(past.label == "2024-05")
        #expect(month.usageWindow(today: try day("2024-05-15"))?.label == "2024-05", "the label billing writes for the current month")
        #expect(month.usageWindow(today: try day("2024-04-30")) == nil)
    }
}
