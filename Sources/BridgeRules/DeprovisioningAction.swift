/// A change the deprovisioning clock asks for (P6), carried out in the order given.
public enum DeprovisioningAction: String, Sendable, Hashable, CaseIterable {
    /// Set every offering item quota of the tenant to zero.
    case zeroQuotas = "zero-quotas"
    /// Disable the tenant (Acronis `enabled: false`).
    case disableTenant = "disable-tenant"
    /// Delete the tenant (it is disabled first: Acronis refuses to delete an enabled tenant).
    case deleteTenant = "delete-tenant"
    /// Enable the tenant again (a line came back after the clock disabled it).
    case enableTenant = "enable-tenant"
    /// Set quotas from the contract again (a line came back after the clock zeroed them).
    case reapplyQuotas = "reapply-quotas"
}
