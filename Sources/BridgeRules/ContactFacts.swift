/// A company's primary contact (P4): ConnectWise default contact (email from its
/// `communicationItems`), Autotask contact with `primaryContact` true (`emailAddress`).
public struct ContactFacts: Sendable, Hashable {
    public var firstName: String
    public var lastName: String
    public var email: String?

    public init(firstName: String, lastName: String, email: String?) {
        self.firstName = firstName
        self.lastName = lastName
        self.email = email
    }
}
