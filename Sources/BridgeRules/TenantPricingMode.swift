/// "Provision customer tenants as" (P4) [Production].
public enum TenantPricingMode: String, Sendable, Hashable, CaseIterable {
    /// Production: usage is billed.
    case production
    /// Trial: one month free, then production.
    case trial
}
