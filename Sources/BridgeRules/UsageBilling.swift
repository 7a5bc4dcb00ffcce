import BridgeValues
import Foundation

/// Which lines of a product get the tenant's usage (B1, B2).
///
/// Among the product's lines active on `today`:
/// - prepaid lines get no usage (B1);
/// - Autotask, pay-as-you-go and prepaid lines for the product: nothing is written and the plan
///   carries ``ContractProblem/mixedBilling(productID:contractIDs:)`` (P2);
/// - the pay-as-you-go line shows the whole usage, also when prepaid lines of the product exist
///   (ConnectWise, B2).
///
/// Decision where the SPEC is silent: with several active pay-as-you-go lines for one product,
/// the whole usage goes to one of them, the one that started first (no start day counts as
/// earliest; ties: the lowest line id), so the choice is stable from tick to tick; the others are
/// set to 0, so usage is never counted twice (B8).
public enum UsageBilling {
    /// The line targets for `usage` of the product.
    /// - Parameters:
    ///   - productID: the mapped product.
    ///   - usage: the tenant's usage of the mapped offering item (items, or bytes for storage).
    ///   - unit: what `usage` counts.
    ///   - lines: the company's lines (any product, any state).
    ///   - psa: the PSA, for the quantity's precision and mixed lines.
    ///   - today: the UTC day the lines are checked against.
    /// - Throws: ``RulesInputError/negativeUsage(_:)``.
    public static func plan(
        productID: Int, usage: Decimal, unit: OfferingItemUnit, lines: [ContractLine], psa: PSAKind,
        today: CalendarDay
    ) throws(RulesInputError) -> UsageLinePlan {
        let quantity = try UsageConversion.psaQuantity(usage: usage, unit: unit, psa: psa)
        let active = lines.filter { $0.productID == productID && $0.isActive(on: today) }
        let payAsYouGo = active.filter { $0.billing == .payAsYouGo }
        if psa == .autotask, !payAsYouGo.isEmpty, payAsYouGo.count < active.count {
            let contracts = Set(active.map(\.contractID)).sorted()
            return UsageLinePlan(targets: [], problem: .mixedBilling(productID: productID, contractIDs: contracts))
        }
        let ordered = payAsYouGo.sorted { lhs, rhs in
            let lhsStart = lhs.startDay?.daysSinceEpoch ?? Int.min
            let rhsStart = rhs.startDay?.daysSinceEpoch ?? Int.min
            return lhsStart != rhsStart ? lhsStart < rhsStart : lhs.id < rhs.id
        }
        let targets = ordered.enumerated().map { index, line in
            LineQuantity(lineID: line.id, contractID: line.contractID, quantity: index == 0 ? quantity : 0)
        }
        return UsageLinePlan(targets: targets)
    }
}
