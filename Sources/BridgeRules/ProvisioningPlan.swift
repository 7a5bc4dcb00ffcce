import BridgeValues
import Foundation

/// What one company's provisioning pass writes (P1-P7), from ``ProvisioningPlanner``: the
/// external writes in order, then what to store.
///
/// The caller carries out ``changes`` in order, each through an effect row keyed by
/// ``ProvisioningChange/key``; changes on ``TenantReference/new(customerID:)`` use the id that
/// ``ProvisioningChange/Action/createTenant(_:reason:)`` returned. When all are done it stores
/// ``mapping`` and ``deprovisioning`` and records ``problems`` on the mapping. When a change
/// fails it stops, stores neither, and records the failure (P7); the next tick plans again from
/// the facts it then reads, so writes already made to an existing tenant are not planned again.
/// A new tenant's creation is planned again whole, with the same keys: a `create` whose effect
/// row was already claimed is resolved to the tenant whose `customer_id` is the company id (and
/// created when there is none), and the user writes likewise by login.
public struct ProvisioningPlan: Sendable, Hashable, CustomStringConvertible {
    /// The PSA of the company.
    public var psa: PSAKind
    /// The PSA company.
    public var companyID: String
    /// The external writes, in the order to make them.
    public var changes: [ProvisioningChange]
    /// What to do with the company's mapping status once the changes are made.
    public var mapping: MappingUpdate
    /// The deprovisioning clock to store once the changes are made; nil: keep the stored one.
    public var deprovisioning: DeprovisioningState?
    /// Problems to record on the company's mapping, each once.
    public var problems: [ProvisioningProblem]
    /// Why the company is not considered at all (P1); nil when it is in scope.
    public var outOfScope: CompanyScope.Reason?

    /// A `ProvisioningPlan` from its parts; the defaults are a plan with nothing to do.
    public init(
        psa: PSAKind, companyID: String, changes: [ProvisioningChange] = [], mapping: MappingUpdate = .unchanged,
        deprovisioning: DeprovisioningState? = nil, problems: [ProvisioningProblem] = [],
        outOfScope: CompanyScope.Reason? = nil
    ) {
        self.psa = psa
        self.companyID = companyID
        self.changes = changes
        self.mapping = mapping
        self.deprovisioning = deprovisioning
        self.problems = problems
        self.outOfScope = outOfScope
    }

    /// Whether there is nothing to write: no change, no mapping or clock update, no problem.
    public var isEmpty: Bool {
        changes.isEmpty && mapping == .unchanged && deprovisioning == nil && problems.isEmpty
    }

    /// The actions of ``changes``, in order.
    public var actions: [ProvisioningChange.Action] { changes.map(\.action) }

    /// The plan in lines, for `bridgectl plan`.
    public var description: String {
        var lines = ["company \(companyID) (\(psa.rawValue)):"]
        if let outOfScope {
            lines.append("  out of scope (\(outOfScope.rawValue)): nothing to do (P1)")
            return lines.joined(separator: "\n")
        }
        if isEmpty { lines.append("  nothing to do") }
        for (index, change) in changes.enumerated() {
            lines.append("  \(index + 1). \(change)")
        }
        switch mapping {
        case .unchanged: break
        case .set(let status): lines.append("  mapping → \(status)")
        case .mappedToNewTenant: lines.append("  mapping → Mapped (the new tenant)")
        }
        if let clock = deprovisioning {
            lines.append("  deprovisioning clock → \(Self.describe(clock))")
        }
        for problem in problems {
            lines.append("  problem (\(problem.code)): \(problem)")
        }
        return lines.joined(separator: "\n")
    }

    private static func describe(_ clock: DeprovisioningState) -> String {
        guard let start = clock.startedAt else { return "not started" }
        var parts = ["started \(Timestamp.format(start, fractionalSeconds: false))"]
        if let at = clock.quotasZeroedAt { parts.append("quotas zeroed \(Timestamp.format(at, fractionalSeconds: false))") }
        if let at = clock.disabledAt { parts.append("disabled \(Timestamp.format(at, fractionalSeconds: false))") }
        if let at = clock.deletedAt { parts.append("deleted \(Timestamp.format(at, fractionalSeconds: false))") }
        return parts.joined(separator: ", ")
    }
}
