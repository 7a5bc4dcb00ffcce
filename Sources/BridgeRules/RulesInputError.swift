import Foundation

/// An input a rule cannot work with, named precisely enough to fix it.
///
/// The rules never crash on bad input: they refuse it with one of these.
public enum RulesInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A number of days below zero (settings such as "new ticket after N days", "disable after N days").
    case negativeDayCount(Int)
    /// A year, month and day that do not form a date of the Gregorian calendar in years 1...9999.
    case invalidCalendarDay(year: Int, month: Int, day: Int)
    /// Text that is not a `YYYY-MM-DD` calendar day.
    case malformedCalendarDay(String)
    /// A custom billing month start day outside 1...28 (B4).
    case billingStartDayOutOfRange(Int)
    /// A usage value below zero (B1, B3, B6).
    case negativeUsage(Decimal)
    /// A quantity too large to become a quota or a PSA quantity.
    case quantityOutOfRange(Decimal)
    /// A ticket link cannot follow a decision that created a ticket without the new ticket's id (T1, T2).
    case missingCreatedTicketID

    public var description: String {
        switch self {
        case .negativeDayCount(let days):
            "a number of days must be 0 or more, got \(days)"
        case .invalidCalendarDay(let year, let month, let day):
            "\(year)-\(month)-\(day) is not a calendar day (years 1...9999)"
        case .malformedCalendarDay(let text):
            "'\(text)' is not a calendar day in the form YYYY-MM-DD"
        case .billingStartDayOutOfRange(let day):
            "the billing month start day must be between 1 and 28, got \(day)"
        case .negativeUsage(let value):
            "a usage value must be 0 or more, got \(value)"
        case .quantityOutOfRange(let value):
            "the quantity \(value) is too large"
        case .missingCreatedTicketID:
            "the decision created a ticket, so the new ticket's id is needed to update the link"
        }
    }
}
