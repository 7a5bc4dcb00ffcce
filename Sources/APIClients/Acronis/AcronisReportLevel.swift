/// Which tenants a usage report covers, below the tenant it is made for (`parameters.level`,
/// acronis-api.md 9.3).
public enum AcronisReportLevel: String, Sendable, Hashable, Codable, CaseIterable {
    /// The tenant itself.
    case itself
    /// The partners directly below the tenant.
    case directPartners = "direct_partners"
    /// Every partner below the tenant, at any depth.
    case allPartners = "all_partners"
    /// Every customer below the tenant, at any depth (sub-partners' customers too).
    case allCustomers = "all_customers"
    /// Customers with their units and user accounts.
    case accounts
}
