import Foundation
import Testing

@testable import BridgeCore

@Suite("RFC 3339 timestamps and calendar dates")
struct RFC3339Tests {
    @Test("parse and format UTC timestamps, offsets and fractions")
    func timestamps() throws {
        let date = try #require(RFC3339.parse("2026-11-22T02:15:00Z"))
        #expect(date.timeIntervalSince1970 == 1_795_313_700)
        #expect(RFC3339.format(date) == "2026-11-22T02:15:00Z")
        #expect(RFC3339.parse("2026-11-22T03:15:00+01:00") == date)
        #expect(RFC3339.parse("2026-11-22t02:15:00z") == date)
        let fractional = try #require(RFC3339.parse("2026-11-22T02:15:00.250Z"))
        #expect(RFC3339.format(fractional) == "2026-11-22T02:15:00.250Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }

    @Test(
        "invalid date-times are refused",
        arguments: [
            "2026-11-22", "2026-11-22T02:15:00", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-11-22T24:00:00Z", "2026-11-22 02:15:00Z", "2026-11-22T02:15:00.Z", "2026-11-22T02:15:00+0100",
            "2025-02-29T00:00:00Z",
        ])
    func invalidTimestamps(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

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
