/// The customer provisioning settings (P4).
public struct ProvisioningPolicy: Sendable, Hashable {
    /// "Automatically create customers" [off].
    public var automaticallyCreateCustomers: Bool
    /// "Create accounts based on" [primary contact].
    public var adminAccount: AdminAccountSource
    /// "How to set an account password?" [activation email].
    public var accountPassword: AccountPasswordSource
    /// "Two-factor authentication for new customers" [off].
    public var twoFactorAuthentication: Bool
    /// "Provision as" [Production].
    public var pricingMode: TenantPricingMode

    /// The settings; the defaults are the SPEC's: no automatic creation, admin from the primary
    /// contact, password through the activation email, no 2FA, Production.
    public init(
        automaticallyCreateCustomers: Bool = false, adminAccount: AdminAccountSource = .primaryContact,
        accountPassword: AccountPasswordSource = .activationEmail,
        twoFactorAuthentication: Bool = false, pricingMode: TenantPricingMode = .production
    ) {
        self.automaticallyCreateCustomers = automaticallyCreateCustomers
        self.adminAccount = adminAccount
        self.accountPassword = accountPassword
        self.twoFactorAuthentication = twoFactorAuthentication
        self.pricingMode = pricingMode
    }
}
