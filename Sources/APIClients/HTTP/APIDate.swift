import Foundation

/// Reading and writing the timestamps the three APIs use.
///
/// Acronis sends RFC 3339 with `Z` in some responses and naive `YYYY-MM-DDTHH:MM:SS` in others
/// (read as UTC); ConnectWise and Autotask send ISO 8601 UTC, sometimes with fractional seconds.
/// All are accepted, as are a space instead of `T` and a bare date. Dates are written as
/// `yyyy-MM-ddTHH:mm:ssZ`, the form both PSAs document.
public enum APIDate {
    /// Parses an ISO 8601 / RFC 3339 timestamp; a timestamp without zone is UTC.
    public static func parse(_ text: String) -> Date? {
        let chars = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var index = 0

        func number(_ count: Int) -> Int? {
            guard index + count <= chars.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let c = chars[index + offset]
                guard c >= 48, c <= 57 else { return nil }
                value = value * 10 + Int(c - 48)
            }
            index += count
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard index < chars.count, chars[index] == c else { return false }
            index += 1
            return true
        }

        guard let year = number(4), expect(45), let month = number(2), expect(45), let day = number(2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if index == chars.count { return Date(timeIntervalSince1970: seconds) }

        guard index < chars.count, chars[index] == 84 || chars[index] == 116 || chars[index] == 32 else { return nil }
        index += 1
        guard let hour = number(2), expect(58), let minute = number(2), hour < 24, minute < 60 else { return nil }
        var second = 0
        if expect(58) {
            guard let value = number(2), value < 61 else { return nil }
            second = value
        }
        seconds += Double(hour * 3600 + minute * 60 + second)
        if expect(46) || expect(44) {
            var scale = 0.1
            var digits = 0
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                seconds += Double(chars[index] - 48) * scale
                scale /= 10
                index += 1
                digits += 1
            }
            guard digits > 0 else { return nil }
        }
        if index == chars.count { return Date(timeIntervalSince1970: seconds) }
        if expect(90) || expect(122) {
            return index == chars.count ? Date(timeIntervalSince1970: seconds) : nil
        }
        guard index < chars.count, chars[index] == 43 || chars[index] == 45 else { return nil }
        let sign: Double = chars[index] == 43 ? 1 : -1
        index += 1
        guard let offsetHours = number(2) else { return nil }
        _ = expect(58)
        let offsetMinutes = number(2) ?? 0
        guard index == chars.count else { return nil }
        seconds -= sign * Double(offsetHours * 3600 + offsetMinutes * 60)
        return Date(timeIntervalSince1970: seconds)
    }

    /// Formats as `yyyy-MM-ddTHH:mm:ssZ` (UTC, whole seconds).
    public static func format(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(total) / 86_400).rounded(.down))
        let secondsOfDay = total - days * 86_400
        let (year, month, day) = civilFromDays(days)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day, secondsOfDay / 3600,
            (secondsOfDay % 3600) / 60, secondsOfDay % 60)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
