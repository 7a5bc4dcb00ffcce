import Foundation

/// A new customer tenant for a PSA company (P4, and P5 "map to a new tenant").
///
/// - Name: the company's name (spaces and line breaks tidied).
/// - `customerID`: the PSA company id, stored in the tenant's `customer_id` so the link survives
///   renames.
/// - Admin from the company name: login `<name>.admin` built from the company name (lower-case
///   ASCII letters and digits, accents removed, other characters as single dots, at most 40
///   characters before `.admin`), first name the company name, last name "Administrator", email
///   the configured activation address.
/// - Admin from the primary contact: login and email the contact's email address (lower-cased;
///   characters Acronis logins do not allow removed), the contact's names (empty names fall back
///   to the company name and "Administrator").
/// - The activation email is sent, unless the password is defined manually
///   (``AccountPasswordSource/definedManually``): the provisioner then sets the password on the
///   new user and sends no email. 2FA and Trial/Production as set.
public struct TenantPlan: Sendable, Hashable {
    /// The tenant's name: the company's.
    public var name: String
    /// The PSA company id, for the tenant's `customer_id`.
    public var customerID: String
    /// The admin user to create.
    public var admin: AdminUserPlan
    /// Whether to send the activation email; false when the password is defined manually (P4).
    public var sendActivationEmail: Bool
    /// Whether to turn on two-factor authentication.
    public var twoFactorAuthentication: Bool
    /// Production or trial.
    public var pricingMode: TenantPricingMode

    /// A `TenantPlan` from its parts.
    public init(
        name: String, customerID: String, admin: AdminUserPlan, sendActivationEmail: Bool = true,
        twoFactorAuthentication: Bool, pricingMode: TenantPricingMode
    ) {
        self.name = name
        self.customerID = customerID
        self.admin = admin
        self.sendActivationEmail = sendActivationEmail
        self.twoFactorAuthentication = twoFactorAuthentication
        self.pricingMode = pricingMode
    }

    /// The plan for `company`.
    /// - Throws: ``TenantPlanError`` when the company, its contact or the settings leave
    ///   something needed out.
    public static func make(
        company: CompanyFacts, primaryContact: ContactFacts?, policy: ProvisioningPolicy
    ) throws(TenantPlanError) -> TenantPlan {
        let name = TicketText.singleLine(company.name)
        guard !name.isEmpty else { throw .companyNameEmpty }
        let admin: AdminUserPlan
        switch policy.adminAccount {
        case .companyName(let activationEmail):
            let email = activationEmail.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !email.isEmpty else { throw .activationEmailMissing }
            guard isPlausibleEmail(email) else { throw .invalidEmail(email) }
            admin = AdminUserPlan(
                login: loginBase(fromName: name) + ".admin", email: email, firstName: name,
                lastName: "Administrator")
        case .primaryContact:
            guard let contact = primaryContact else { throw .noPrimaryContact }
            let contactName = TicketText.singleLine("\(contact.firstName) \(contact.lastName)")
            let email = (contact.email ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !email.isEmpty else {
                throw .primaryContactHasNoEmail(contactName: contactName.isEmpty ? "(no name)" : contactName)
            }
            guard isPlausibleEmail(email) else { throw .invalidEmail(email) }
            let first = TicketText.singleLine(contact.firstName)
            let last = TicketText.singleLine(contact.lastName)
            admin = AdminUserPlan(
                login: loginFromEmail(email), email: email,
                firstName: first.isEmpty ? name : first, lastName: last.isEmpty ? "Administrator" : last)
        }
        return TenantPlan(
            name: name, customerID: company.id, admin: admin,
            sendActivationEmail: policy.accountPassword == .activationEmail,
            twoFactorAuthentication: policy.twoFactorAuthentication, pricingMode: policy.pricingMode)
    }

    /// Whether `email` looks deliverable: one `@`, a non-empty local part, a domain with a dot
    /// inside it, no spaces.
    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !email.contains(where: \.isWhitespace) else { return false }
        let domain = parts[1]
        guard let dot = domain.firstIndex(of: "."), dot != domain.startIndex, domain.last != "." else { return false }
        return true
    }

    private static func loginBase(fromName name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var base = ""
        for character in folded {
            if character.isASCII, character.isLetter || character.isNumber {
                base.append(character)
            } else if !base.isEmpty, base.last != "." {
                base.append(".")
            }
        }
        base = String(base.prefix(40))
        while base.last == "." { base.removeLast() }
        return base.isEmpty ? "customer" : base
    }

    private static func loginFromEmail(_ email: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-+@")
        return String(email.lowercased().filter { allowed.contains($0) })
    }
}
