/// Which jobs run.
public struct FeatureSettings: Sendable, Hashable {
    /// Product mapping and provisioning [on].
    public var provisioning: Bool
    /// Usage reporting [on].
    public var billing: Bool
    /// Ticket creation [off].
    public var tickets: Bool
    /// Two-way sync, Autotask only [off].
    public var twoWaySync: Bool

    public init(provisioning: Bool = true, billing: Bool = true, tickets: Bool = false, twoWaySync: Bool = false) {
        self.provisioning = provisioning
        self.billing = billing
        self.tickets = tickets
        self.twoWaySync = twoWaySync
    }
}
