/// Two-way sync on Autotask (B7): while it is on, the cloud decides which mapped services are on
/// a mapped tenant's contract. An offering item enabled in the cloud adds its mapped service to the
/// company's contract; an item disabled in the cloud removes it.
///
/// Autotask has no delete for contract services, so "removed" is a service whose units are 0 from
/// today on (an adjustment of minus the units it holds); it stays on the contract with nothing to
/// bill. The rule, per mapped item of the tenant (the item's own product, not storage class
/// products):
///
/// | cloud | contract (active on `today`) | change | quota |
/// |---|---|---|---|
/// | enabled | no line for the product | add the service to the contract | kept as it is |
/// | enabled | only prepaid lines at 0 units (as an add leaves it) | none | kept as it is |
/// | enabled | any other line | none | the contract's (``QuotaRule``) |
/// | disabled | lines holding units | remove: each line's units to 0 | kept disabled |
/// | disabled | lines at 0 units, or none | none | kept disabled |
///
/// - The contract a service is added to: among the company's contracts with an active line, the
///   one with the most lines (the lowest id on a tie). A company without one gets
///   ``ContractProblem/noContractForService(productID:item:)`` and nothing is added.
/// - An item the tenant does not have is neither enabled nor disabled in the cloud: left alone.
/// - Locked items are never changed in the cloud, so they are left alone here too.
/// - An item held by the rule ("kept") is not given the contract's quota in the same pass, so the
///   provisioner never disables what the sync is adding, nor enables what it is removing.
public enum TwoWaySyncRule {
    /// A contract service to add or take to zero units.
    public enum Change: Sendable, Hashable {
        /// Add `productID` (the service) to `contractID`: the item is enabled in the cloud.
        case add(item: OfferingItemKey, productID: Int, contractID: Int)
        /// Take `line`'s units to 0 from today: the item is disabled in the cloud.
        case remove(item: OfferingItemKey, line: ContractLine)
    }

    /// What the sync asks for on one tenant.
    public struct Plan: Sendable, Hashable {
        /// The changes, in the order of the mappings, additions before removals per item.
        public var changes: [Change] = []
        /// Items whose quota the contract must not set in this pass.
        public var held: Set<OfferingItemKey> = []
        /// Items the rule could not act on, with why.
        public var problems: [ContractProblem] = []

        /// An empty plan: nothing to add or remove.
        public init() {}
    }

    /// The sync of one tenant.
    /// - Parameters:
    ///   - items: the tenant's offering items as the cloud reports them.
    ///   - mappings: the product mappings (items without a product are ignored).
    ///   - lines: all the company's lines; inactive ones are ignored.
    ///   - today: the UTC day lines are checked against.
    public static func plan(
        items: [TenantOfferingItem], mappings: [OfferingItemMapping], lines: [ContractLine], today: CalendarDay
    ) -> Plan {
        let active = lines.filter { $0.isActive(on: today) }
        let byProduct = Dictionary(grouping: active, by: \.productID)
        let contract = Self.contract(for: active)
        let tenantItems = Dictionary(items.map { ($0.item, $0) }, uniquingKeysWith: { first, _ in first })
        var plan = Plan()
        for mapping in mappings {
            guard let product = mapping.product, let item = tenantItems[mapping.item], !item.locked else { continue }
            let onContract = byProduct[product] ?? []
            if item.quota == .disabled {
                plan.held.insert(mapping.item)
                for line in onContract.sorted(by: { $0.id < $1.id }) where line.quantity != 0 {
                    plan.changes.append(.remove(item: mapping.item, line: line))
                }
            } else if onContract.isEmpty {
                plan.held.insert(mapping.item)
                if let contract {
                    plan.changes.append(.add(item: mapping.item, productID: product, contractID: contract))
                } else {
                    plan.problems.append(.noContractForService(productID: product, item: mapping.item))
                }
            } else if onContract.allSatisfy({ $0.billing == .prepaid && $0.quantity == 0 }) {
                // Added by the sync (or bought at 0): a quota of 0 would undo the enabling.
                plan.held.insert(mapping.item)
            }
        }
        return plan
    }

    /// The contract services are added to: the one with the most active lines, the lowest id on a tie.
    public static func contract(for active: [ContractLine]) -> Int? {
        let counts = Dictionary(grouping: active, by: \.contractID).mapValues(\.count)
        return counts.max { lhs, rhs in lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key > rhs.key }?.key
    }
}
