import BridgeRules
import Foundation
import Testing

@Suite("CalendarDay: UTC days for line dates (P2, P6) and reporting periods (B4)")
struct CalendarDayTests {
    @Test("B4: leap years follow the Gregorian rule", arguments: [
        (1900, false), (2000, true), (2023, false), (2024, true), (2100, false), (2400, true),
    ])
    func leapYears(year: Int, leap: Bool) {
        #expect(CalendarDay.isLeapYear(year) == leap)
        #expect(CalendarDay.numberOfDays(inMonth: 2, year: year) == (leap ? 29 : 28))
    }

    @Test("B4: month lengths", arguments: [(1, 31), (3, 31), (4, 30), (6, 30), (7, 31), (8, 31), (9, 30), (11, 30), (12, 31)])
    func monthLengths(month: Int, length: Int) {
        #expect(CalendarDay.numberOfDays(inMonth: month, year: 2023) == length)
    }

    @Test("P2, B4: 29 February exists only in leap years")
    func februaryTwentyNinth() throws {
        #expect(try CalendarDay(year: 2024, month: 2, day: 29).description == "2024-02-29")
        #expect(throws: RulesInputError.invalidCalendarDay(year: 2023, month: 2, day: 29)) {
            try CalendarDay(year: 2023, month: 2, day: 29)
        }
    }

    @Test("P2: impossible dates are refused with what was wrong", arguments: [
        (2024, 0, 1), (2024, 13, 1), (2024, 4, 31), (2024, 1, 0), (0, 1, 1), (10_000, 1, 1),
    ])
    func invalidDays(year: Int, month: Int, dayOfMonth: Int) {
        #expect(throws: RulesInputError.invalidCalendarDay(year: year, month: month, day: dayOfMonth)) {
            try CalendarDay(year: year, month: month, day: dayOfMonth)
        }
    }

    @Test("P2: parsing YYYY-MM-DD and refusing anything else", arguments: [
        "2024-5-01", "2024-05-1", "24-05-01", "2024/05/01", "2024-05-01T00:00:00Z", "", "abcd-ef-gh", "2024-05-+1",
    ])
    func malformed(text: String) {
        #expect(throws: RulesInputError.malformedCalendarDay(text)) { try CalendarDay(parsing: text) }
    }

    @Test("P2: a Date belongs to the UTC day containing it, to the second")
    func containingDate() throws {
        #expect(CalendarDay(containing: try utc("2024-02-29T00:00:00Z")) == (try day("2024-02-29")))
        #expect(CalendarDay(containing: try utc("2024-02-29T23:59:59Z")) == (try day("2024-02-29")))
        #expect(CalendarDay(containing: try utc("2024-03-01T00:00:00Z")) == (try day("2024-03-01")))
        #expect(CalendarDay(containing: try utc("1969-12-31T23:59:59Z")) == (try day("1969-12-31")))
        #expect(try day("2024-02-29").start == (try utc("2024-02-29T00:00:00Z")))
    }

    @Test("B4: days since the epoch round-trip over four centuries")
    func epochRoundTrip() throws {
        let first = try day("1900-01-01").daysSinceEpoch
        let last = try day("2300-12-31").daysSinceEpoch
        var previous: CalendarDay?
        for number in stride(from: first, through: last, by: 1) {
            let current = CalendarDay(daysSinceEpoch: number)
            #expect(current.daysSinceEpoch == number)
            if let previous {
                #expect(previous < current)
                let next = previous.day == CalendarDay.numberOfDays(inMonth: previous.month, year: previous.year)
                if next { #expect(current.day == 1) } else { #expect(current.day == previous.day + 1) }
            }
            previous = current
        }
        #expect(try day("1970-01-01").daysSinceEpoch == 0)
    }

    @Test("B4: adding months keeps the day or moves to the month's last day")
    func addingMonths() throws {
        #expect(try day("2024-01-31").adding(months: 1) == (try day("2024-02-29")))
        #expect(try day("2023-01-31").adding(months: 1) == (try day("2023-02-28")))
        #expect(try day("2024-03-31").adding(months: -1) == (try day("2024-02-29")))
        #expect(try day("2024-01-15").adding(months: -1) == (try day("2023-12-15")))
        #expect(try day("2024-12-28").adding(months: 1) == (try day("2025-01-28")))
        #expect(try day("2024-05-10").adding(months: -17) == (try day("2022-12-10")))
        #expect(try day("2024-05-10").adding(months: 0) == (try day("2024-05-10")))
    }

    @Test("B4: day and month arithmetic stays exact before year 1 (dates from absurd clocks)")
    func farPast() throws {
        for number in [-800_000, -719_529, -719_528, -719_163] {
            #expect(CalendarDay(daysSinceEpoch: number).daysSinceEpoch == number)
        }
        let early = try day("0001-01-15")
        #expect(early.adding(months: -1).year == 0 && early.adding(months: -1).month == 12)
        #expect(early.adding(months: -1).adding(months: 1) == early)
        #expect(early.adding(months: -13).adding(months: 13) == early)
    }

    @Test("B4: first and last day of a month")
    func monthEnds() throws {
        #expect(try day("2024-02-10").firstOfMonth == (try day("2024-02-01")))
        #expect(try day("2024-02-10").lastOfMonth == (try day("2024-02-29")))
        #expect(try day("2023-02-10").lastOfMonth == (try day("2023-02-28")))
        #expect(try day("2023-12-31").adding(days: 1) == (try day("2024-01-01")))
    }

    @Test("B4: Codable as YYYY-MM-DD, refusing invalid text")
    func codable() throws {
        let encoded = try JSONEncoder().encode([try day("2024-02-29")])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["2024-02-29"]"#)
        #expect(try JSONDecoder().decode([CalendarDay].self, from: encoded) == [try day("2024-02-29")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDay].self, from: Data(#"["2023-02-29"]"#.utf8))
        }
    }
}
