/// What a provisioning plan does to the company's mapping status (P5), once its changes are
/// carried out. When a change fails, the caller records the failure instead, through
/// ``MappingState/applying(_:tenantsMappedElsewhere:)`` with ``MappingEvent/provisioningFailed(reason:)``
/// for a mapping being made, or as the company's sync error for a mapped one (P7).
public enum MappingUpdate: Sendable, Hashable {
    /// Keep the stored status.
    case unchanged
    /// Store this status.
    case set(MappingStatus)
    /// Store ``MappingStatus/mapped(tenantID:)`` with the id of the tenant the plan creates.
    case mappedToNewTenant

    /// The status to store, given the id of the tenant the plan created (if it created one);
    /// nil: keep the stored status.
    public func status(createdTenantID: String?) -> MappingStatus? {
        switch self {
        case .unchanged: nil
        case .set(let status): status
        case .mappedToNewTenant: createdTenantID.map { .mapped(tenantID: $0) }
        }
    }
}
