import Foundation

/// A day of the proleptic Gregorian calendar in UTC, the unit of contract line dates (P2, P6)
/// and usage reporting periods (B4).
///
/// All rules use UTC days: a `Date` belongs to the UTC day that contains it. PSA dates such as a
/// ConnectWise `effectiveDate` of `2024-05-01T00:00:00Z` or an Autotask contract `startDate` are
/// converted with ``init(containing:)``.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31.
    public let day: Int

    /// A day from its parts.
    /// - Throws: ``RulesInputError/invalidCalendarDay(year:month:day:)`` when the parts are no
    ///   Gregorian date in years 1...9999 (for example 2023-02-29).
    public init(year: Int, month: Int, day: Int) throws(RulesInputError) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDay.numberOfDays(inMonth: month, year: year)).contains(day)
        else { throw .invalidCalendarDay(year: year, month: month, day: day) }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The UTC day that contains `date`.
    public init(containing date: Date) {
        let seconds = date.timeIntervalSince1970
        self.init(daysSinceEpoch: Int((seconds / 86_400).rounded(.down)))
    }

    /// The day `daysSinceEpoch` days after 1970-01-01 (negative: before it).
    public init(daysSinceEpoch: Int) {
        // Civil-from-days, H. Hinnant's algorithm (public domain), exact for the whole range.
        let shifted = daysSinceEpoch + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.month = month
        self.day = day
    }

    /// A day from `YYYY-MM-DD`.
    /// - Throws: ``RulesInputError/malformedCalendarDay(_:)`` or
    ///   ``RulesInputError/invalidCalendarDay(year:month:day:)``.
    public init(parsing text: String) throws(RulesInputError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { throw .malformedCalendarDay(text) }
        try self.init(year: year, month: month, day: day)
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Midnight UTC at the start of this day.
    public var start: Date { Date(timeIntervalSince1970: Double(daysSinceEpoch) * 86_400) }

    /// The day `days` days later (earlier when negative).
    public func adding(days: Int) -> CalendarDay { CalendarDay(daysSinceEpoch: daysSinceEpoch + days) }

    /// The first day of this day's month.
    public var firstOfMonth: CalendarDay { CalendarDay(uncheckedYear: year, month: month, day: 1) }

    /// The last day of this day's month (28, 29, 30 or 31).
    public var lastOfMonth: CalendarDay {
        CalendarDay(uncheckedYear: year, month: month, day: Self.numberOfDays(inMonth: month, year: year))
    }

    /// The same day of the month `months` months later (earlier when negative), moved back to the
    /// month's last day when that month is shorter (2024-01-31 plus one month is 2024-02-29).
    public func adding(months: Int) -> CalendarDay {
        let index = year * 12 + (month - 1) + months
        let newYear = index >= 0 ? index / 12 : (index - 11) / 12
        let newMonth = index - newYear * 12 + 1
        let newDay = min(day, Self.numberOfDays(inMonth: newMonth, year: newYear))
        return CalendarDay(uncheckedYear: newYear, month: newMonth, day: newDay)
    }

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year`.
    public static func numberOfDays(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// Decodes `YYYY-MM-DD`, refusing text that is no calendar day.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// Encodes `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private init(uncheckedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
