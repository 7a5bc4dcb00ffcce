/// "Create accounts based on" (P4) [company primary contact].
public enum AdminAccountSource: Sendable, Hashable {
    /// The admin user is named after the company; the activation email goes to this address.
    case companyName(activationEmail: String)
    /// The admin user is the company's primary contact; the activation email goes to them.
    case primaryContact
}
