/// The mapping status of a PSA company (P5), as `bridgectl` shows it.
public enum MappingStatus: Sendable, Hashable, CustomStringConvertible {
    /// No tenant.
    case notMapped
    /// Queued: the provisioner maps it on the next pass.
    case readyForMapping(MappingTarget)
    /// Mapped to this tenant.
    case mapped(tenantID: String)
    /// The last attempt failed; retried on the next tick (P7).
    case mappingFailed(reason: String, target: MappingTarget)
    /// The PSA company disappeared; the tenant is kept and nothing is synced.
    case companyMissing(tenantID: String)
    /// The tenant disappeared; nothing is synced.
    case tenantMissing(tenantID: String)

    /// The status as the guides name it: "Not mapped", "Ready for mapping", "Mapped",
    /// "Mapping failed", "Company missing", "Tenant missing".
    public var displayName: String {
        switch self {
        case .notMapped: "Not mapped"
        case .readyForMapping: "Ready for mapping"
        case .mapped: "Mapped"
        case .mappingFailed: "Mapping failed"
        case .companyMissing: "Company missing"
        case .tenantMissing: "Tenant missing"
        }
    }

    /// The tenant the company is linked to, in the statuses that have one.
    public var tenantID: String? {
        switch self {
        case .mapped(let id), .companyMissing(let id), .tenantMissing(let id): id
        case .notMapped, .readyForMapping, .mappingFailed: nil
        }
    }

    /// "Mapping failed: <reason>" for failures, else ``displayName``.
    public var description: String {
        if case .mappingFailed(let reason, _) = self { return "Mapping failed: \(reason)" }
        return displayName
    }
}
