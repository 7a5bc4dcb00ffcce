/// Customer deprovisioning (SPEC P6).
public struct DeprovisioningSettings: Sendable, Hashable {
    /// Set offering-item quotas to zero at once [off].
    public var quotasToZero: Bool
    /// Disable the customer after N days [off, 10].
    public var disableAfterDays: DayToggle
    /// Delete the customer after N days [off, 30].
    public var deleteAfterDays: DayToggle

    public init(
        quotasToZero: Bool = false, disableAfterDays: DayToggle = DayToggle(enabled: false, days: 10),
        deleteAfterDays: DayToggle = DayToggle(enabled: false, days: 30)
    ) {
        self.quotasToZero = quotasToZero
        self.disableAfterDays = disableAfterDays
        self.deleteAfterDays = deleteAfterDays
    }
}
