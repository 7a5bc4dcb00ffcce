/// A company's primary contact (P4): ConnectWise default contact (email from its
/// `communicationItems`), Autotask contact with `primaryContact` true (`emailAddress`).
public struct ContactFacts: Sendable, Hashable {
    /// The contact's first name.
    public var firstName: String
    /// The contact's last name.
    public var lastName: String
    /// The contact's email address, if the PSA has one.
    public var email: String?

    /// A `ContactFacts` from its parts.
    public init(firstName: String, lastName: String, email: String?) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
    }
}
