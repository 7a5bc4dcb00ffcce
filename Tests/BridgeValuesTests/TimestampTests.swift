import Foundation
import Testing

@testable import BridgeValues

@Suite("Timestamps: RFC 3339 for messages, the looser forms the APIs send")
struct TimestampTests {
    @Test("RFC 3339: parse and format UTC timestamps, offsets and fractions")
    func rfc3339() throws {
        let date = try #require(Timestamp.parseRFC3339("2026-11-22T02:15:00Z"))
        #expect(date.timeIntervalSince1970 == 1_795_313_700)
        #expect(Timestamp.format(date) == "2026-11-22T02:15:00Z")
        #expect(Timestamp.parseRFC3339("2026-11-22T03:15:00+01:00") == date)
        #expect(Timestamp.parseRFC3339("2026-11-22T01:15:00-01:00") == date)
        #expect(Timestamp.parseRFC3339("2026-11-22t02:15:00z") == date)
        let fractional = try #require(Timestamp.parseRFC3339("2026-11-22T02:15:00.250Z"))
        #expect(Timestamp.format(fractional) == "2026-11-22T02:15:00.250Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
        // A leap second lands on the following second.
        #expect(Timestamp.parseRFC3339("2016-12-31T23:59:60Z") == Timestamp.parseRFC3339("2017-01-01T00:00:00Z"))
        #expect(Timestamp.isRFC3339DateTime("2026-11-22T02:15:00.123456789+05:30"))
    }

    @Test(
        "RFC 3339: what is not a date-time is refused",
        arguments: [
            "2026-11-22", "2026-11-22T02:15:00", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
            "2026-11-22T24:00:00Z", "2026-11-22 02:15:00Z", "2026-11-22T02:15:00.Z", "2026-11-22T02:15:00+0100",
            "2025-02-29T00:00:00Z", "2026-11-22T02:15Z", "2026-11-22T02:15:00,5Z", "2026-11-22T02:15:00+01",
            " 2026-11-22T02:15:00Z", "2026-11-22T02:15:00Zx",
        ])
    func rfc3339Refusals(text: String) {
        #expect(Timestamp.parseRFC3339(text) == nil)
        #expect(!Timestamp.isRFC3339DateTime(text))
    }

    @Test("APIs: RFC 3339, naive (UTC), fractional, offsets, space separator, bare dates")
    func apiForms() throws {
        let base = 1_596_545_223.0  // 2020-08-04T12:47:03Z
        #expect(Timestamp.parse("2020-08-04T12:47:03Z")?.timeIntervalSince1970 == base)
        #expect(Timestamp.parse("2020-08-04T12:47:03")?.timeIntervalSince1970 == base)
        #expect(Timestamp.parse("2020-08-04 12:47:03")?.timeIntervalSince1970 == base)
        #expect(Timestamp.parse(" 2020-08-04T12:47:03Z ")?.timeIntervalSince1970 == base)
        #expect(Timestamp.parse("2020-08-04T14:47:03+02:00")?.timeIntervalSince1970 == base)
        #expect(Timestamp.parse("2020-08-04T14:47:03+0200")?.timeIntervalSince1970 == base)
        #expect(Timestamp.parse("2020-08-04T14:47:03+02")?.timeIntervalSince1970 == base)
        #expect(Timestamp.parse("2020-08-04T10:17:03-02:30")?.timeIntervalSince1970 == base)
        #expect(Timestamp.parse("2020-08-04t12:47:03z")?.timeIntervalSince1970 == base)
        #expect(Timestamp.parse("2020-08-04T12:47")?.timeIntervalSince1970 == base - 3)
        let fractional = try #require(Timestamp.parse("2020-08-04T12:47:03.250Z")?.timeIntervalSince1970)
        #expect(abs(fractional - (base + 0.25)) < 0.0001)
        let comma = try #require(Timestamp.parse("2020-08-04T12:47:03,5")?.timeIntervalSince1970)
        #expect(abs(comma - (base + 0.5)) < 0.0001)
        #expect(Timestamp.parse("2017-06-01")?.timeIntervalSince1970 == 1_496_275_200)
        // Everything RFC 3339 accepts, the API reading accepts too, as the same instant.
        for text in ["2026-11-22T02:15:00Z", "2026-11-22T03:15:00+01:00", "2026-11-22T02:15:00.250Z", "2016-12-31T23:59:60Z"] {
            #expect(Timestamp.parse(text) == Timestamp.parseRFC3339(text))
        }
    }

    @Test(
        "APIs: what is no timestamp is refused",
        arguments: [
            "not a date", "2020-13-01T00:00:00Z", "2020-02-30", "2020-08-04T", "2020-08-04T12", "2020-08-04T12:47:03.Z",
            "2020-08-04T12:47:03+2", "2020-08-04T12:47:03+01:5", "2020-08-04T12:47:03Q", "2020-08-04T25:00:00Z",
            "20-08-04", "2020-8-4",
        ])
    func apiRefusals(text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test("APIs: written in whole seconds, rounded down")
    func wholeSeconds() {
        let base = 1_596_545_223.0
        #expect(Timestamp.format(Date(timeIntervalSince1970: base), fractionalSeconds: false) == "2020-08-04T12:47:03Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: base + 0.999), fractionalSeconds: false) == "2020-08-04T12:47:03Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -1), fractionalSeconds: false) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.5), fractionalSeconds: false) == "1969-12-31T23:59:59Z")
    }

    @Test("full dates and calendar arithmetic")
    func fullDates() throws {
        let parts = try #require(Timestamp.parseFullDate("2024-02-29"))
        #expect(parts.year == 2024 && parts.month == 2 && parts.day == 29)
        #expect(Timestamp.parseFullDate("2023-02-29") == nil)
        #expect(Timestamp.parseFullDate("2024-02-29T00:00:00Z") == nil)
        #expect(Timestamp.formatFullDate(year: 7, month: 3, day: 1) == "0007-03-01")
        #expect(Timestamp.daysSinceEpoch(year: 1970, month: 1, day: 1) == 0)
        #expect(Timestamp.daysSinceEpoch(year: 2000, month: 3, day: 1) == 11_017)
        let eve = Timestamp.civilDate(daysSinceEpoch: -1)
        #expect(eve.year == 1969 && eve.month == 12 && eve.day == 31)
        #expect(Timestamp.daysSinceEpoch(containing: Date(timeIntervalSince1970: -0.5)) == -1)
        #expect(Timestamp.daysInMonth(year: 1900, month: 2) == 28)
        #expect(Timestamp.daysInMonth(year: 2000, month: 2) == 29)
    }
}
