/// A setting that is on or off and counts days, e.g. "disable the customer after N days".
public struct DayToggle: Sendable, Hashable {
    public var enabled: Bool
    public var days: Int

    public init(enabled: Bool, days: Int) {
        self.enabled = enabled
        self.days = days
    }

    /// The days when enabled, else nil.
    public var activeDays: Int? { enabled ? days : nil }
}
