/// One tick of a deprovisioning clock (P6): what to do now and the clock state to store.
public struct DeprovisioningStep: Sendable, Hashable {
    /// The changes to make now, in order.
    public var actions: [DeprovisioningAction]
    /// The clock state to store once the actions are done.
    public var state: DeprovisioningState

    /// A `DeprovisioningStep` from its parts.
    public init(actions: [DeprovisioningAction], state: DeprovisioningState) {
        self.actions = actions
        self.state = state
    }
}
