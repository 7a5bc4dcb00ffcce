/// Something the provisioning planner found wrong for one company (P1, P2, P4, P7). It is recorded
/// on the company's mapping, as "Mapping failed" with the reason while a mapping is being made or
/// as the company's sync error once it is mapped, and the next tick plans again.
public enum ProvisioningProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// A contract or mapping problem (P2): the affected items keep their quota, the others are planned.
    case contract(ContractProblem)
    /// The tenant is never changed (P1: self-service mode, support access disabled, or a kind
    /// that cannot be mapped): nothing is written to it.
    case tenantProtected(tenantID: String, TenantGuard.Protection)
    /// No tenant can be created for the company (P4), e.g. a primary contact without an email.
    case tenantPlan(TenantPlanError)
    /// The tenant facts given are for another tenant than the mapping names: nothing is planned.
    case tenantMismatch(expected: String, found: String)
    /// An operator asked for a mapping of a company the integration does not consider (P1, P5).
    case outOfScope(CompanyScope.Reason)

    /// A stable label for counters and logs.
    public var code: String {
        switch self {
        case .contract(.mixedBilling): "mixed-billing"
        case .contract(.negativeQuantity): "negative-quantity"
        case .contract(.quantityOutOfRange): "quantity-out-of-range"
        case .contract(.productMappedTwice): "product-mapped-twice"
        case .contract(.noContractForService): "no-contract-for-service"
        case .contract(.noContractForStorage): "no-contract-for-storage"
        case .tenantProtected(_, let protection): protection.code
        case .tenantPlan: "tenant-plan"
        case .tenantMismatch: "tenant-mismatch"
        case .outOfScope(let reason): "out-of-scope-" + reason.rawValue
        }
    }

    /// The text the mapping shows.
    public var description: String {
        switch self {
        case .contract(let problem): problem.description
        case .tenantProtected(_, let protection): protection.explanation
        case .tenantPlan(let error): error.description
        case .tenantMismatch(let expected, let found):
            "the facts are for tenant \(found), but the mapping is for tenant \(expected)"
        case .outOfScope(.deleted): "the company is deleted in the PSA"
        case .outOfScope(.inactive): "the company is not active in the PSA (P1: provisioning.activeStatuses)"
        case .outOfScope(.notCustomerType): "the company is not of a customer type (P1: provisioning.companyTypes)"
        }
    }
}
