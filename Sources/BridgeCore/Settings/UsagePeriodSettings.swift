/// Usage reporting period for range offering items (SPEC B4).
public struct UsagePeriodSettings: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// Current calendar month, reported daily.
        case currentMonth = "current-month"
        /// Previous calendar month, reported daily.
        case previousMonth = "previous-month"
        /// Custom billing month starting on `startDay`, reported once a month.
        case custom
    }

    /// [custom]
    public var mode: Mode
    /// First day of the custom billing month, 1...28 [1].
    public var startDay: Int

    public init(mode: Mode = .custom, startDay: Int = 1) {
        self.mode = mode
        self.startDay = startDay
    }
}
