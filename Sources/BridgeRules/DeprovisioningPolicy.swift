/// The customer deprovisioning settings (P6).
public struct DeprovisioningPolicy: Sendable, Hashable {
    /// "Set offering item quotas to zero" [off].
    public var quotasToZero: Bool
    /// "Disable the customer after N days" [off, 10].
    public var disableAfter: DayThreshold
    /// "Delete the customer after N days" [off, 30].
    public var deleteAfter: DayThreshold

    /// The settings; the defaults are the SPEC's: everything off.
    public init(quotasToZero: Bool = false, disableAfter: DayThreshold = .off, deleteAfter: DayThreshold = .off) {
        self.quotasToZero = quotasToZero
        self.disableAfter = disableAfter
        self.deleteAfter = deleteAfter
    }
}
