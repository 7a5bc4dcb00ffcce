/// An event a mapping cannot take in its status (P5); the mapping stays as it is.
public enum MappingTransitionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Mapping a company that is already linked to a tenant: remove the mapping first.
    case alreadyMapped(tenantID: String)
    /// Mapping to a tenant that another company is mapped to; mappings are 1:1.
    case tenantMappedToAnotherCompany(tenantID: String)
    /// Removing a mapping that does not exist.
    case nothingToUnmap
    /// A provisioning result for a mapping that was not waiting for one (for example the operator
    /// removed the mapping while the provisioner worked).
    case unexpectedProvisioningResult(status: MappingStatus)
    /// A provisioning result naming another tenant than the one chosen or linked.
    case tenantMismatch(expected: String, reported: String)

    public var description: String {
        switch self {
        case .alreadyMapped(let tenantID):
            "the company is already mapped to tenant \(tenantID); remove the mapping first"
        case .tenantMappedToAnotherCompany(let tenantID):
            "tenant \(tenantID) is already mapped to another company"
        case .nothingToUnmap:
            "the company is not mapped"
        case .unexpectedProvisioningResult(let status):
            "a provisioning result arrived while the mapping is '\(status)'"
        case .tenantMismatch(let expected, let reported):
            "provisioning reported tenant \(reported), but the mapping is for tenant \(expected)"
        }
    }
}
