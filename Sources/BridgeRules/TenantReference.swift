/// The tenant a planned provisioning change acts on (P4, P5): one that exists, or the one the
/// same plan creates, whose id is known only once ``ProvisioningChange/Action/createTenant(_:reason:)``
/// has been carried out.
public enum TenantReference: Sendable, Hashable, CustomStringConvertible {
    /// An existing tenant, by id.
    case existing(tenantID: String)
    /// The customer tenant the plan creates for the PSA company `customerID`.
    case new(customerID: String)

    /// The tenant's id: the existing tenant's, or `createdTenantID` for the new one (nil when it
    /// has not been created).
    public func resolved(createdTenantID: String?) -> String? {
        switch self {
        case .existing(let tenantID): tenantID
        case .new: createdTenantID
        }
    }

    /// `tenant:<id>` or `new-tenant`, the subject part of a change's key.
    var keyComponent: String {
        switch self {
        case .existing(let tenantID): "tenant:\(tenantID)"
        case .new: "new-tenant"
        }
    }

    /// "tenant <id>" or "the new tenant (customer id <id>)".
    public var description: String {
        switch self {
        case .existing(let tenantID): "tenant \(tenantID)"
        case .new(let customerID): "the new tenant (customer id \(customerID))"
        }
    }
}
