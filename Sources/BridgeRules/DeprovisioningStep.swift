/// One tick of a deprovisioning clock (P6): what to do now and the clock to store.
public struct DeprovisioningStep: Sendable, Hashable {
    public var actions: [DeprovisioningAction]
    public var clock: DeprovisioningClock

    public init(actions: [DeprovisioningAction], clock: DeprovisioningClock) {
        self.actions = actions
        self.clock = clock
    }
}
