import Foundation

/// A calendar month in UTC (`YYYY-MM`), the unit operators ask billing and the audit log about:
/// `bridgectl billing reconcile --month` and `bridgectl audit export --month` (B4).
public struct CalendarMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int

    /// Text that is not a month in the form `YYYY-MM`.
    public struct Malformed: Error, Sendable, Hashable, CustomStringConvertible {
        /// The text given.
        public var text: String

        public init(text: String) {
            self.text = text
        }

        public var description: String {
            "'\(text)' is not a month: expected YYYY-MM, a four-digit year and a two-digit month 01-12 (for example 2026-01)"
        }
    }

    /// A month from its parts.
    /// - Throws: ``Malformed`` when the year is outside 1...9999 or the month outside 1...12.
    public init(year: Int, month: Int) throws(Malformed) {
        guard (1...9999).contains(year), (1...12).contains(month) else {
            throw Malformed(text: "\(year)-\(month)")
        }
        self.year = year
        self.month = month
    }

    /// A month from exactly `YYYY-MM` (`2026-01`; not `2026-1`, `26-01` or `2026-13`).
    /// - Throws: ``Malformed``.
    public init(parsing text: String) throws(Malformed) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 4, parts[1].utf8.count == 2,
            parts.allSatisfy({ $0.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } }),
            let year = Int(parts[0]), let month = Int(parts[1]), (1...9999).contains(year), (1...12).contains(month)
        else { throw Malformed(text: text) }
        self.year = year
        self.month = month
    }

    /// The month containing `day`.
    public init(containing day: CalendarDay) {
        year = day.year
        month = day.month
    }

    /// The first day of the month.
    public var first: CalendarDay { try! CalendarDay(year: year, month: month, day: 1) }

    /// The last day of the month (28, 29, 30 or 31).
    public var last: CalendarDay { first.lastOfMonth }

    /// Midnight UTC at the start of the month (inclusive).
    public var start: Date { first.start }

    /// Midnight UTC at the start of the next month (exclusive).
    public var end: Date { last.adding(days: 1).start }

    /// The usage window of this month as billing reads it on `today` (B4): the current month is
    /// the 1st ... today, still growing (the same window the current-month period reports); a
    /// past month is the whole month; a month that has not begun has no usage (nil).
    public func usageWindow(today: CalendarDay) -> UsageReportWindow? {
        if today < first { return nil }
        if today <= last { return UsageReportWindow(first: first, last: today, includesToday: true) }
        return UsageReportWindow(first: first, last: last, includesToday: false)
    }

    public static func < (lhs: CalendarMonth, rhs: CalendarMonth) -> Bool {
        (lhs.year, lhs.month) < (rhs.year, rhs.month)
    }

    /// `YYYY-MM`.
    public var description: String { String(first.description.prefix(7)) }
}
