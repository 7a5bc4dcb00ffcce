/// Whether range offering items report usage today, and for which days (B4).
public enum UsageReportDecision: Sendable, Hashable {
    /// Report the usage of this window today.
    case report(UsageReportWindow)
    /// Nothing to report today; the next report is due on this day.
    case notDue(nextReportDay: CalendarDay)
}
