import BridgeValues

/// What the provisioning planner knows about one PSA company on a tick (P1-P6), as the
/// provisioner's handler reads it.
public struct ProvisioningFacts: Sendable, Hashable {
    /// The PSA, which decides how mixed prepaid and pay-as-you-go lines are treated (P2).
    public var psa: PSAKind
    /// The PSA company.
    public var company: CompanyFacts
    /// All of the company's agreement additions (ConnectWise) or contract services (Autotask);
    /// lines not active on the tick's day are ignored.
    public var lines: [ContractLine]
    /// The company's primary contact, if any (P4).
    public var primaryContact: ContactFacts?
    /// The company's stored mapping status (P5).
    public var mapping: MappingStatus
    /// The tenant the mapping names (linked, or chosen for ``MappingTarget/existingTenant(tenantID:)``),
    /// as the cloud reports it now; nil when the mapping names none or the cloud no longer has it.
    public var tenant: TenantFacts?
    /// The stored deprovisioning clock of the linked tenant (P6); ``DeprovisioningState/notStarted``
    /// when there is none.
    public var deprovisioning: DeprovisioningState

    /// A `ProvisioningFacts` from its parts.
    public init(
        psa: PSAKind, company: CompanyFacts, lines: [ContractLine], primaryContact: ContactFacts? = nil,
        mapping: MappingStatus, tenant: TenantFacts? = nil, deprovisioning: DeprovisioningState = .notStarted
    ) {
        self.psa = psa
        self.company = company
        self.lines = lines
        self.primaryContact = primaryContact
        self.mapping = mapping
        self.tenant = tenant
        self.deprovisioning = deprovisioning
    }
}
