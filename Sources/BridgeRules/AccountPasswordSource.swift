/// "How to set an account password?" (P4) [activation email].
public enum AccountPasswordSource: String, Sendable, Hashable, CaseIterable {
    /// The new admin user sets the password through the activation email.
    case activationEmail = "activation-email"
    /// The password is defined manually: the provisioner sets it on the new user from a secret
    /// and sends no activation email.
    case definedManually = "defined-manually"
}
