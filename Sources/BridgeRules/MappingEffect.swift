/// Work a mapping transition asks of the provisioner (P5).
public enum MappingEffect: Sendable, Hashable {
    /// Create the new tenant or link the existing one, then report success or failure.
    case provision(MappingTarget)
    /// Set the tenant's quotas from the company's contract (P2, P3).
    case applyQuotas(tenantID: String)
    /// Forget the link to the tenant. Nothing on the tenant changes: not its quotas, not its state.
    case removeLink(tenantID: String)
    /// Record the failure on the mapping for `bridgectl status` (P7).
    case recordFailure(reason: String)
    /// Stop syncing quotas, usage and tickets of the pair until both sides are back.
    case pauseSync(tenantID: String)
}
