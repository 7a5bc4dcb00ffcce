import BridgeValues
import Foundation

/// A calendar day without time or zone, written `YYYY-MM-DD` (RFC 3339 `full-date`), as used for
/// usage periods.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year (proleptic Gregorian).
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31.
    public let day: Int

    /// The date, or nil when it does not exist (e.g. February 30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Timestamp.daysInMonth(year: year, month: month) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        guard let parts = Timestamp.parseFullDate(text) else { return nil }
        self.init(year: parts.year, month: parts.month, day: parts.day)
    }

    /// The UTC day that contains `instant`.
    public init(containing instant: Date) {
        let parts = Timestamp.civilDate(daysSinceEpoch: Timestamp.daysSinceEpoch(containing: instant))
        self.year = parts.year
        self.month = parts.month
        self.day = parts.day
    }

    /// Midnight UTC at the start of this day.
    public var startOfDayUTC: Date {
        Date(timeIntervalSince1970: Double(daysSinceEpoch * 86_400))
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int64 {
        Timestamp.daysSinceEpoch(year: year, month: month, day: day)
    }

    /// The date `count` days later (earlier when negative).
    public func adding(days count: Int) -> CalendarDate {
        let parts = Timestamp.civilDate(daysSinceEpoch: daysSinceEpoch + Int64(count))
        return CalendarDate(year: parts.year, month: parts.month, day: parts.day)!
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        Timestamp.formatFullDate(year: year, month: month, day: day)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a YYYY-MM-DD date")
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
