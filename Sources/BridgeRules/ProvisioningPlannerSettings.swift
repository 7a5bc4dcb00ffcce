import BridgeValues

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
    /// Two-way sync (B7, Autotask only): the cloud's enabled items decide which mapped services
    /// are on the contract (``TwoWaySyncRule``).
    public var twoWaySync: Bool
    /// Public cloud storages (B3): each vendor's product and the storages (infra ids,
    /// lower-cased) of each vendor.
    public var publicCloud: PublicCloudStorages

    /// A `ProvisioningPlannerSettings` from its parts; the defaults are the SPEC's.
    public init(
        scope: CompanyScope = CompanyScope(), mappings: [OfferingItemMapping] = [],
        provisioning: ProvisioningPolicy = ProvisioningPolicy(), deprovisioning: DeprovisioningPolicy = DeprovisioningPolicy(),
        twoWaySync: Bool = false, publicCloud: PublicCloudStorages = PublicCloudStorages()
    ) {
        self.twoWaySync = twoWaySync
        self.publicCloud = publicCloud
        self.scope = scope
        self.mappings = mappings
        self.provisioning = provisioning
        self.deprovisioning = deprovisioning
    }
}

/// Public cloud storage products (B3): one PSA product per vendor, and which storages are whose.
public struct PublicCloudStorages: Sendable, Hashable {
    /// Each mapped vendor's product.
    public var products: [PublicCloudVendor: Int]
    /// The vendor of each public cloud storage, by infra id (lower-cased).
    public var infras: [String: PublicCloudVendor]

    public init(products: [PublicCloudVendor: Int] = [:], infras: [String: PublicCloudVendor] = [:]) {
        self.products = products
        self.infras = infras
    }
}
