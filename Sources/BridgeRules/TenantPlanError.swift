/// Why no tenant can be planned for a company (P4); the mapping records it as "Mapping failed"
/// with ``description`` as the reason, and the next tick tries again (P7).
public enum TenantPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The company's name is empty, so there is nothing to name the tenant after.
    case companyNameEmpty
    /// "Create accounts based on company name" without an activation email address.
    case activationEmailMissing
    /// "Create accounts based on primary contact", and the company has no primary contact.
    case noPrimaryContact
    /// The primary contact has no email address.
    case primaryContactHasNoEmail(contactName: String)
    /// An email address that cannot receive the activation email.
    case invalidEmail(String)

    public var description: String {
        switch self {
        case .companyNameEmpty:
            "the company has no name to give the new tenant"
        case .activationEmailMissing:
            "accounts are based on the company name, but no activation email address is set"
        case .noPrimaryContact:
            "the company has no primary contact to make the tenant's admin"
        case .primaryContactHasNoEmail(let contactName):
            "the primary contact \(contactName) has no email address for the activation email"
        case .invalidEmail(let email):
            "'\(email)' is not a valid email address"
        }
    }
}
