/// One tick of a deprovisioning clock (P6): what to do now and the clock state to store.
public struct DeprovisioningStep: Sendable, Hashable {
    public var actions: [DeprovisioningAction]
    public var state: DeprovisioningState

    public init(actions: [DeprovisioningAction], state: DeprovisioningState) {
        self.actions = actions
        self.state = state
    }
}
