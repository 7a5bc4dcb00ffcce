import Foundation

/// Calendar months around today (UTC) as usage reports and the sandbox write them.
struct ReportMonth {
    /// `YYYY-MM`.
    var label: String
    /// `YYYY-MM-01`.
    var first: String
    /// The month's last day, `YYYY-MM-DD`.
    var last: String

    /// The month `offset` months from the current one (-1: the previous month).
    static func relative(_ offset: Int, to now: Date = Date()) -> ReportMonth {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: calendar.dateComponents([.year, .month], from: now))!
        let month = calendar.date(byAdding: .month, value: offset, to: start)!
        let parts = calendar.dateComponents([.year, .month], from: month)
        let days = calendar.range(of: .day, in: .month, for: month)!.count
        let label = String(format: "%04d-%02d", parts.year!, parts.month!)
        return ReportMonth(label: label, first: label + "-01", last: label + String(format: "-%02d", days))
    }
}
