import Foundation

/// Timestamps and full dates, parsed and written without calendars or formatters (which are
/// neither cheap nor `Sendable` everywhere).
///
/// Two readings of the same grammar:
/// - ``parseRFC3339(_:)`` is RFC 3339 `date-time` exactly, for our own messages and the JSON Schema
///   `date-time` format;
/// - ``parse(_:)`` also takes what the APIs send: Acronis writes RFC 3339 with `Z` in some
///   responses and naive `YYYY-MM-DDTHH:MM:SS` (read as UTC) in others; ConnectWise and Autotask
///   write ISO 8601 UTC, sometimes with fractional seconds. A space instead of `T`, minutes without
///   seconds, a comma before the fraction, offsets without colon or minutes and a bare date are
///   accepted too.
///
/// Written timestamps are always UTC (`Z`): with milliseconds only when the instant is not a
/// whole second, or in whole seconds (`yyyy-MM-ddTHH:mm:ssZ`, the form both PSAs document).
public enum Timestamp {
    // MARK: Writing

    /// Writes `date` in UTC, e.g. `2026-11-22T02:15:00Z`.
    ///
    /// - Parameter fractionalSeconds: true (the default) rounds to the millisecond and writes
    ///   them when the instant is not a whole second (`2026-11-22T02:15:00.250Z`); false writes
    ///   whole seconds, rounded down, for the PSAs.
    public static func format(_ date: Date, fractionalSeconds: Bool = true) -> String {
        let totalMilliseconds =
            fractionalSeconds
            ? Int64((date.timeIntervalSince1970 * 1000).rounded())
            : Int64(date.timeIntervalSince1970.rounded(.down)) * 1000
        let (seconds, milliseconds) = floorDivide(totalMilliseconds, 1000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        var text = formatFullDate(year: year, month: month, day: day)
        text += "T" + pad(Int(secondOfDay / 3600), 2) + ":" + pad(Int(secondOfDay % 3600 / 60), 2) + ":"
            + pad(Int(secondOfDay % 60), 2)
        if milliseconds != 0 { text += "." + pad(Int(milliseconds), 3) }
        return text + "Z"
    }

    /// Writes `date` in UTC as the state database keeps instants, `2026-11-22 02:15:00.250`:
    /// always milliseconds (rounded), a space for `T`, no zone, so stored instants sort and compare
    /// as text on either backend. ``parse(_:)`` reads it back.
    public static func formatStorage(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, milliseconds) = floorDivide(totalMilliseconds, 1000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        return formatFullDate(year: year, month: month, day: day) + " " + pad(Int(secondOfDay / 3600), 2) + ":"
            + pad(Int(secondOfDay % 3600 / 60), 2) + ":" + pad(Int(secondOfDay % 60), 2) + "."
            + pad(Int(milliseconds), 3)
    }

    /// Writes an RFC 3339 `full-date`, `YYYY-MM-DD`.
    public static func formatFullDate(year: Int, month: Int, day: Int) -> String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    // MARK: Reading

    /// Parses a timestamp as the APIs send it: RFC 3339 (`T`/`Z` in either case, any fraction,
    /// `Z` or a numeric offset), and also a space instead of `T`, no seconds, a `,` before the
    /// fraction, an offset `+HH` or `+HHMM`, no zone at all (UTC) and a bare date (midnight UTC).
    /// Spaces around the text are ignored. A leap second (`:60`) lands on the following second.
    public static func parse(_ text: String) -> Date? {
        parts(of: text.trimmingCharacters(in: .whitespaces), strict: false).map(date(of:))
    }

    /// Parses an RFC 3339 `date-time` exactly (`T`/`Z` in either case, any fraction, `Z` or a
    /// `+HH:MM` offset). A leap second (`:60`) is accepted and lands on the following second.
    public static func parseRFC3339(_ text: String) -> Date? {
        parts(of: text, strict: true).map(date(of:))
    }

    /// Whether `text` is an RFC 3339 `date-time`.
    public static func isRFC3339DateTime(_ text: String) -> Bool {
        parts(of: text, strict: true) != nil
    }

    /// Parses an RFC 3339 `full-date` (`YYYY-MM-DD`) into its parts, checking the day exists.
    public static func parseFullDate(_ text: String) -> (year: Int, month: Int, day: Int)? {
        guard text.utf8.count == 10, let parts = parts(of: text, strict: false) else { return nil }
        return (parts.year, parts.month, parts.day)
    }

    // MARK: Calendar arithmetic (proleptic Gregorian, UTC)

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` (1...12) of `year`.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Days since 1970-01-01 of the UTC day that contains `instant`.
    public static func daysSinceEpoch(containing instant: Date) -> Int64 {
        floorDivide(Int64(instant.timeIntervalSince1970.rounded(.down)), 86_400).quotient
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (before it when negative).
    public static func civilDate(daysSinceEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    // MARK: Internals

    /// A timestamp's fields as written; `offsetSeconds` is east of UTC.
    struct Parts {
        var year, month, day: Int
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offsetSeconds = 0
    }

    /// The one grammar behind both readings; `strict` keeps it to RFC 3339 `date-time`.
    static func parts(of text: String, strict: Bool) -> Parts? {
        let bytes = Array(text.utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + count)] {
                guard isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += count
            return value
        }
        func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }
        var atEnd: Bool { index == bytes.count }

        guard let year = digits(4), skip("-"), let month = digits(2), skip("-"), let day = digits(2),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        var parts = Parts(year: year, month: month, day: day)
        if atEnd { return strict ? nil : parts }

        guard skip("T") || skip("t") || (!strict && skip(" ")) else { return nil }
        guard let hour = digits(2), skip(":"), let minute = digits(2), hour < 24, minute < 60 else { return nil }
        parts.hour = hour
        parts.minute = minute
        if skip(":") {
            guard let second = digits(2), second <= 60 else { return nil }
            parts.second = second
        } else if strict {
            return nil
        }
        if skip(".") || (!strict && skip(",")) {
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > start, let fraction = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self))
            else { return nil }
            parts.fraction = fraction
        }
        if atEnd { return strict ? nil : parts }

        if skip("Z") || skip("z") { return atEnd ? parts : nil }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") else {
            return nil
        }
        let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
        index += 1
        guard let offsetHour = digits(2), offsetHour < 24 else { return nil }
        var offsetMinute = 0
        if skip(":") {
            guard let minutes = digits(2) else { return nil }
            offsetMinute = minutes
        } else if strict {
            return nil
        } else if !atEnd {
            guard let minutes = digits(2) else { return nil }
            offsetMinute = minutes
        }
        guard offsetMinute < 60, atEnd else { return nil }
        parts.offsetSeconds = sign * (offsetHour * 3600 + offsetMinute * 60)
        return parts
    }

    static func date(of parts: Parts) -> Date {
        let days = daysSinceEpoch(year: parts.year, month: parts.month, day: parts.day)
        let seconds = days * 86_400 + Int64(parts.hour * 3600 + parts.minute * 60 + parts.second)
            - Int64(parts.offsetSeconds)
        return Date(timeIntervalSince1970: Double(seconds) + parts.fraction)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
