/// The days a usage report covers (B4), both ends inclusive.
public struct UsageReportWindow: Sendable, Hashable {
    /// The first day reported.
    public var first: CalendarDay
    /// The last day reported.
    public var last: CalendarDay
    /// Whether the window ends today, so the usage of today (still growing) is part of it.
    public var includesToday: Bool

    /// A `UsageReportWindow` from its parts.
    public init(first: CalendarDay, last: CalendarDay, includesToday: Bool) {
        self.first = first
        self.last = last
        self.includesToday = includesToday
    }
}
