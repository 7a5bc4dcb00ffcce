import Foundation

/// RFC 3339 timestamps and full dates, parsed and written without calendars or formatters
/// (which are neither cheap nor `Sendable` everywhere). Written timestamps are always UTC (`Z`),
/// with milliseconds only when the instant is not a whole second.
public enum RFC3339 {
    /// Writes `date` as e.g. `2026-11-22T02:15:00Z` or `2026-11-22T02:15:00.250Z`.
    public static func format(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, milliseconds) = floorDivide(totalMilliseconds, 1000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        text += "T" + pad(Int(secondOfDay / 3600), 2) + ":" + pad(Int(secondOfDay % 3600 / 60), 2) + ":"
            + pad(Int(secondOfDay % 60), 2)
        if milliseconds != 0 { text += "." + pad(Int(milliseconds), 3) }
        return text + "Z"
    }

    /// Parses an RFC 3339 `date-time` (`T`/`Z` in either case, any fraction, `Z` or a numeric
    /// offset). A leap second (`:60`) is accepted and lands on the following second.
    public static func parse(_ text: String) -> Date? {
        guard let parts = parseDateTimeParts(text) else { return nil }
        let days = Self.days(fromYear: parts.year, month: parts.month, day: parts.day)
        let seconds = days * 86_400 + Int64(parts.hour * 3600 + parts.minute * 60 + parts.second)
            - Int64(parts.offsetSeconds)
        return Date(timeIntervalSince1970: Double(seconds) + parts.fraction)
    }

    /// Whether `text` is an RFC 3339 `date-time`.
    public static func isDateTime(_ text: String) -> Bool {
        parseDateTimeParts(text) != nil
    }

    /// Parses an RFC 3339 `full-date` (`YYYY-MM-DD`) into its parts, checking the day exists.
    public static func parseFullDate(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        return parseDate(bytes[...])
    }

    // MARK: Internals

    struct DateTimeParts {
        var year, month, day, hour, minute, second: Int
        var fraction: Double
        var offsetSeconds: Int
    }

    static func parseDateTimeParts(_ text: String) -> DateTimeParts? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, let date = parseDate(bytes[0..<10]) else { return nil }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") else { return nil }
        guard let hour = number(bytes[11..<13]), bytes[13] == UInt8(ascii: ":"),
            let minute = number(bytes[14..<16]), bytes[16] == UInt8(ascii: ":"),
            let second = number(bytes[17..<19]),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > start,
                let value = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self))
            else { return nil }
            fraction = value
        }
        guard index < bytes.count else { return nil }
        let offsetSeconds: Int
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
            offsetSeconds = 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, let offsetHour = number(bytes[(index + 1)..<(index + 3)]),
                bytes[index + 3] == UInt8(ascii: ":"), let offsetMinute = number(bytes[(index + 4)..<(index + 6)]),
                offsetHour < 24, offsetMinute < 60
            else { return nil }
            let magnitude = offsetHour * 3600 + offsetMinute * 60
            offsetSeconds = bytes[index] == UInt8(ascii: "-") ? -magnitude : magnitude
        default:
            return nil
        }
        return DateTimeParts(
            year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second,
            fraction: fraction, offsetSeconds: offsetSeconds)
    }

    private static func parseDate(_ bytes: ArraySlice<UInt8>) -> (year: Int, month: Int, day: Int)? {
        let base = bytes.startIndex
        guard bytes.count == 10, let year = number(bytes[base..<(base + 4)]), bytes[base + 4] == UInt8(ascii: "-"),
            let month = number(bytes[(base + 5)..<(base + 7)]), bytes[base + 7] == UInt8(ascii: "-"),
            let day = number(bytes[(base + 8)..<(base + 10)]),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        return (year, month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
    static func days(fromYear year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
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

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
