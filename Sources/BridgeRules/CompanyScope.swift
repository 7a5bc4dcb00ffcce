/// Which PSA companies the integration considers (P1): those of a customer type and active status.
///
/// Type names are compared ignoring case and surrounding spaces. The default customer types are
/// "Customer" (Autotask, and the ConnectWise guide's screenshots) and "Client" (ConnectWise's
/// stock company type); a deployment can name its own.
public struct CompanyScope: Sendable, Hashable {
    /// The type names that make a company a customer.
    public var customerTypeNames: Set<String>

    /// A scope with these customer type names [Customer, Client].
    public init(customerTypeNames: Set<String> = ["Customer", "Client"]) {
        self.customerTypeNames = Set(customerTypeNames.map(Self.normalized))
    }

    /// Whether a company is in scope, or the first reason it is not: deleted, then inactive, then
    /// not of a customer type.
    public func evaluate(_ company: CompanyFacts) -> Decision {
        if company.isDeleted { return .outOfScope(.deleted) }
        if !company.isActive { return .outOfScope(.inactive) }
        guard company.typeNames.contains(where: { customerTypeNames.contains(Self.normalized($0)) }) else {
            return .outOfScope(.notCustomerType)
        }
        return .inScope
    }

    /// The scope of one company.
    public enum Decision: Sendable, Hashable {
        /// The integration considers the company.
        case inScope
        /// The integration ignores the company, for this reason.
        case outOfScope(Reason)
    }

    /// Why a company is out of scope; raw values are stable status labels.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// The PSA marks the company deleted.
        case deleted
        /// The company's status is not active.
        case inactive
        /// None of the company's types is a customer type.
        case notCustomerType = "not-customer-type"
    }

    private static func normalized(_ name: String) -> String {
        TicketText.singleLine(name).lowercased()
    }
}
