/// Automatic customer creation (P4): an unmapped company that has an active agreement/contract
/// line for a mapped product gets a new customer tenant when automatic creation is on.
///
/// The trigger is checked on every tick, so a company that "gains" a line is picked up on the
/// first tick that sees it. Only companies in the Not mapped status qualify: a failed automatic
/// creation is in Mapping failed and is retried through the mapping (P5, P7), an operator's
/// choice (queued, mapped) is never overridden. Scope (P1) is checked before this.
public enum AutoCustomer {
    /// The decision for one in-scope company.
    /// - Parameters:
    ///   - company: the PSA company.
    ///   - status: its mapping status.
    ///   - hasActiveMappedLine: whether it has a line, active today, for a mapped product.
    ///   - primaryContact: its primary contact, if any.
    ///   - policy: the provisioning settings.
    public static func decide(
        company: CompanyFacts, status: MappingStatus, hasActiveMappedLine: Bool,
        primaryContact: ContactFacts?, policy: ProvisioningPolicy
    ) -> AutoCustomerDecision {
        guard policy.automaticallyCreateCustomers else { return .nothing(.automaticCreationOff) }
        guard status == .notMapped else { return .nothing(.notUnmapped) }
        guard hasActiveMappedLine else { return .nothing(.noActiveMappedLine) }
        do {
            return .create(try TenantPlan.make(company: company, primaryContact: primaryContact, policy: policy))
        } catch {
            return .fail(error)
        }
    }

    /// Whether any of `lines` is active on `today` for a product some mapping uses.
    public static func hasActiveMappedLine(
        lines: [ContractLine], mappings: [OfferingItemMapping], today: CalendarDay
    ) -> Bool {
        let mapped = Set(mappings.flatMap(\.allProductIDs))
        return lines.contains { mapped.contains($0.productID) && $0.isActive(on: today) }
    }
}
