/// Customer provisioning (SPEC P4).
public struct ProvisioningSettings: Sendable, Hashable {
    /// Where a new customer's admin account comes from.
    public enum AdminSource: String, Sendable, Hashable, CaseIterable {
        /// Named after the company; the activation email goes to `activationEmail`.
        case companyName = "company-name"
        /// The company's primary contact.
        case primaryContact = "primary-contact"
    }

    /// How new customers are provisioned.
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        case production = "Production"
        case trial = "Trial"
    }

    /// How a new admin account gets its password (P4).
    public enum AccountPassword: String, Sendable, Hashable, CaseIterable {
        /// Its user sets it through the activation email.
        case activationEmail = "activation-email"
        /// Set from `adminPassword`; no activation email is sent.
        case definedManually = "defined-manually"
    }

    /// [primary contact]
    public var adminFrom: AdminSource
    /// [activation email]
    public var accountPassword: AccountPassword
    /// The password when `accountPassword` is `.definedManually`: a reference, never the value.
    public var adminPassword: SecretRef?
    /// Required when `adminFrom` is `.companyName`.
    public var activationEmail: String?
    /// [off]
    public var autoCreateCustomers: Bool
    /// Two-factor authentication for new customers [off].
    public var mfaForNewCustomers: Bool
    /// [Production]
    public var mode: Mode
    /// PSA company types whose companies are customers (P1).
    public var companyTypes: [String]
    /// ConnectWise company statuses that count as active (P1).
    public var activeStatuses: [String]

    public init(
        adminFrom: AdminSource = .primaryContact, activationEmail: String? = nil, autoCreateCustomers: Bool = false,
        mfaForNewCustomers: Bool = false, mode: Mode = .production, companyTypes: [String] = ["Customer", "Client"],
        activeStatuses: [String] = ["Active"], accountPassword: AccountPassword = .activationEmail,
        adminPassword: SecretRef? = nil
    ) {
        self.accountPassword = accountPassword
        self.adminPassword = adminPassword
        self.companyTypes = companyTypes
        self.activeStatuses = activeStatuses
        self.adminFrom = adminFrom
        self.activationEmail = activationEmail
        self.autoCreateCustomers = autoCreateCustomers
        self.mfaForNewCustomers = mfaForNewCustomers
        self.mode = mode
    }
}
