/// What automatic customer creation does for one company on a tick (P4).
public enum AutoCustomerDecision: Sendable, Hashable {
    /// Create this tenant, then map the company to it and set its quotas in the same pass.
    case create(TenantPlan)
    /// Creation is due but impossible; record it as "Mapping failed" (retried next tick, P7).
    case fail(TenantPlanError)
    /// Nothing to do.
    case nothing(Reason)

    /// Why no tenant is created.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// "Automatically create customers" is off.
        case automaticCreationOff = "automatic-creation-off"
        /// The company is not in the Not mapped status (mapped, queued, failed or missing).
        case notUnmapped = "not-unmapped"
        /// The company has no active line for a mapped product.
        case noActiveMappedLine = "no-active-mapped-line"
    }
}
