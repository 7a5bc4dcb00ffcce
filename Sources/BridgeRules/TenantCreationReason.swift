/// Why the provisioning planner creates a customer tenant.
public enum TenantCreationReason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Automatic creation is on and the unmapped company has an active line for a mapped product (P4).
    case automaticCustomer = "automatic-customer"
    /// An operator mapped the company to a new tenant (P5), or a failed attempt is retried (P7).
    case mappingRequest = "mapping-request"

    /// The reason in words, with the rule id.
    public var description: String {
        switch self {
        case .automaticCustomer: "automatic customer: an active line for a mapped product (P4)"
        case .mappingRequest: "the company is to be mapped to a new tenant (P5)"
        }
    }
}
