/// The usage reporting period of range offering items (B4) [custom billing month, day 1].
///
/// | setting | reports | window |
/// |---|---|---|
/// | current month | every day | the 1st of this month ... today |
/// | previous month | every day | the whole previous calendar month |
/// | custom, start day S | on day S only | day S of the previous month ... the day before today |
///
/// With S = 1 the custom window is the previous calendar month. Because S is at most 28, every
/// month has day S, in February of leap and common years alike.
public enum ReportingPeriod: Sendable, Hashable {
    /// Current calendar month, reported daily.
    case currentMonth
    /// Previous calendar month, reported daily.
    case previousMonth
    /// A billing month starting on this day, reported once on that day.
    case customBillingMonth(startDay: BillingStartDay)

    /// What to report on `today` (a UTC day).
    public func decision(on today: CalendarDay) -> UsageReportDecision {
        switch self {
        case .currentMonth:
            return .report(UsageReportWindow(first: today.firstOfMonth, last: today, includesToday: true))
        case .previousMonth:
            let previous = today.firstOfMonth.adding(days: -1)
            return .report(UsageReportWindow(first: previous.firstOfMonth, last: previous, includesToday: false))
        case .customBillingMonth(let startDay):
            let start = startDay.value
            guard today.day == start else {
                let month = today.day < start ? today.firstOfMonth : today.firstOfMonth.adding(months: 1)
                return .notDue(nextReportDay: month.adding(days: start - 1))
            }
            let first = today.adding(months: -1)
            return .report(UsageReportWindow(first: first, last: today.adding(days: -1), includesToday: false))
        }
    }
}
