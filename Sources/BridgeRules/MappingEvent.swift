/// Something that happens to a company mapping (P5).
public enum MappingEvent: Sendable, Hashable {
    /// An operator (or automatic creation, P4) maps the company to a new tenant.
    case mapToNewTenant
    /// An operator maps the company to an existing tenant.
    case mapToExistingTenant(tenantID: String)
    /// An operator removes the mapping.
    case unmap
    /// The provisioner created or linked the tenant.
    case provisioningSucceeded(tenantID: String, tenantName: String)
    /// The provisioner could not create or link the tenant.
    case provisioningFailed(reason: String)
    /// A tick no longer finds the PSA company, or finds it again.
    case companyDisappeared
    case companyReappeared
    /// A tick no longer finds the tenant (deleted), or finds it again (restored).
    case tenantDisappeared
    case tenantReappeared
    /// A rename on either side.
    case companyRenamed(String)
    case tenantRenamed(String)
}
