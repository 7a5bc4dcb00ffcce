/// The admin user of a new customer tenant (P4).
public struct AdminUserPlan: Sendable, Hashable {
    /// The preferred login; see ``loginCandidate(attempt:)`` when it is taken.
    public var login: String
    /// Where the activation email goes.
    public var email: String
    /// The admin's first name.
    public var firstName: String
    /// The admin's last name.
    public var lastName: String

    /// A `AdminUserPlan` from its parts.
    public init(login: String, email: String, firstName: String, lastName: String) {
        self.login = login
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
    }

    /// The login to try on attempt `attempt` (0 first): ``login`` itself, then with "-2", "-3", ...
    /// before the `@` of an email-shaped login or at the end otherwise. Acronis logins are unique
    /// across the whole cloud, so the provisioner checks each candidate (`check_login`) in turn.
    public func loginCandidate(attempt: Int) -> String {
        guard attempt > 0 else { return login }
        let suffix = "-\(attempt + 1)"
        if let at = login.firstIndex(of: "@") {
            return login[..<at] + suffix + login[at...]
        }
        return login + suffix
    }
}
