import Foundation
import Testing

@testable import BridgeCore

@Suite("Calendar dates (YYYY-MM-DD)")
struct CalendarDateTests {
    @Test("calendar dates")
    func calendarDates() throws {
        let date = try #require(CalendarDate("2024-02-29"))
        #expect(date.description == "2024-02-29")
        #expect(date.adding(days: 1).description == "2024-03-01")
        #expect(CalendarDate("2023-02-29") == nil)
        #expect(CalendarDate(containing: Date(timeIntervalSince1970: 1_795_313_700)).description == "2026-11-22")
        #expect(try #require(CalendarDate("2026-01-31")) < #require(CalendarDate("2026-02-01")))
    }
}
