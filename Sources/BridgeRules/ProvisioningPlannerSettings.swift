/// The settings the provisioning planner applies (P1-P6): company scope, product mappings, and
/// the customer provisioning and deprovisioning settings.
public struct ProvisioningPlannerSettings: Sendable, Hashable {
    /// Which companies are considered (P1).
    public var scope: CompanyScope
    /// The product mapping of every offering item the settings name (P2, P3).
    public var mappings: [OfferingItemMapping]
    /// Customer provisioning (P4).
    public var provisioning: ProvisioningPolicy
    /// Customer deprovisioning (P6).
    public var deprovisioning: DeprovisioningPolicy

    /// A `ProvisioningPlannerSettings` from its parts; the defaults are the SPEC's.
    public init(
        scope: CompanyScope = CompanyScope(), mappings: [OfferingItemMapping] = [],
        provisioning: ProvisioningPolicy = ProvisioningPolicy(), deprovisioning: DeprovisioningPolicy = DeprovisioningPolicy()
    ) {
        self.scope = scope
        self.mappings = mappings
        self.provisioning = provisioning
        self.deprovisioning = deprovisioning
    }
}
