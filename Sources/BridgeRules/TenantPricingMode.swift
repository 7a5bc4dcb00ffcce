/// "Provision customer tenants as" (P4) [Production].
public enum TenantPricingMode: String, Sendable, Hashable, CaseIterable {
    case production
    case trial
}
