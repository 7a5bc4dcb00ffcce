import BridgeValues
import Foundation

/// The billing reconciliation of one company for one period (B1-B3, B6, B8): the cloud usage
/// of every mapped product, in the PSA's units as the planner converts it, against the quantity
/// each pay-as-you-go line holds now, and what exists on one side only. Pure: it reads the plan
/// the usage-reporter would carry out (``BillingPlanner``) and the inputs it was made from.
///
/// - A PAYG line the plan covers, with the cloud reporting usage of its item: ``ReconciliationLine/Kind/same``
///   when the line holds the planned quantity at the PSA's precision (ConnectWise 0.01, Autotask
///   whole units), else ``ReconciliationLine/Kind/differs``. A second PAYG line of a product
///   (B2: another shows the usage) is compared with 0.
/// - Cloud only: usage above 0 of a mapped item whose product has no active PAYG line (none
///   at all, or prepaid lines only, which get no usage, B1).
/// - PSA only: an active PAYG line whose product no mapping names, or whose item's usage
///   (or storage class, B3) the cloud does not report.
/// - Not billed: the plan's problems (an Autotask product with PAYG and prepaid lines, P2).
///
/// The difference is cloud minus PSA, a missing side counting as 0. Rows are ordered by
/// product, then line.
public enum BillingReconciler {
    /// The rows for one company.
    /// - Parameters:
    ///   - plan: the planner's plan for `usage`, `lines`, `mappings` and `psa` (its window is the period).
    ///   - usage: the tenant's usage for the plan's window.
    ///   - lines: the company's lines as read from the PSA.
    ///   - mappings: the product mappings.
    ///   - psa: the PSA, for its precision.
    public static func compare(
        plan: BillingPlan, usage: TenantUsage, lines: [ContractLine], mappings: [OfferingItemMapping], psa: PSAKind
    ) -> [ReconciliationLine] {
        let day = plan.window.last
        let scale = psa == .connectWise ? UsageConversion.connectWiseDecimalPlaces : 0
        func held(_ quantity: Decimal) -> Decimal { quantity.rounded(scale: scale, .plain) }
        var rows: [ReconciliationLine] = []

        var notBilled: Set<Int> = []
        for problem in plan.problems {
            guard let product = productID(of: problem, lines: lines) else { continue }
            notBilled.insert(product)
            rows.append(
                ReconciliationLine(
                    kind: .notBilled, productID: product, item: mappings.first { $0.allProductIDs.contains(product) }?.item,
                    unit: nil, lineID: nil, contractID: nil, usage: nil, cloudQuantity: nil, psaQuantity: nil, difference: 0,
                    note: "not billed: \(problem)"))
        }

        for line in plan.lines {
            let reported = line.usageClass.map { $0 != .total } == true || usage.items[line.item] != nil
                || usage.storages[line.item] != nil
            let current = held(line.current)
            if reported {
                rows.append(
                    ReconciliationLine(
                        kind: line.needsWrite ? .differs : .same, productID: line.productID, item: line.item,
                        usageClass: line.usageClass, unit: line.unit, lineID: line.lineID, contractID: line.contractID,
                        usage: line.usage, cloudQuantity: line.target, psaQuantity: current, difference: line.target - current,
                        note: line.reason))
            } else {
                rows.append(
                    ReconciliationLine(
                        kind: .psaOnly, productID: line.productID, item: line.item, usageClass: line.usageClass, unit: line.unit,
                        lineID: line.lineID, contractID: line.contractID, usage: nil, cloudQuantity: nil, psaQuantity: current,
                        difference: -current,
                        note: "the cloud reports no usage of \(line.item); billing would set the line to \(line.target)"))
            }
        }

        let planned = Set(plan.lines.map(\.lineID))
        for line in lines
        where line.billing == .payAsYouGo && line.isActive(on: day) && !planned.contains(line.id)
            && !notBilled.contains(line.productID)
        {
            let mapping = mappings.first { $0.allProductIDs.contains(line.productID) }
            let current = held(line.quantity)
            let note =
                mapping.map { mapping in
                    let what = storageClassName(of: line.productID, in: mapping)
                    return "the cloud reports no \(what) of \(mapping.item) (B3: not reported is not zero); billing writes nothing to the line"
                } ?? "product \(line.productID) is not mapped to an offering item; billing writes nothing to the line"
            rows.append(
                ReconciliationLine(
                    kind: .psaOnly, productID: line.productID, item: mapping?.item, unit: mapping?.unit, lineID: line.id,
                    contractID: line.contractID, usage: nil, cloudQuantity: nil, psaQuantity: current, difference: -current,
                    note: note))
        }

        for mapping in mappings.sorted(by: { $0.item < $1.item }) {
            for share in BillingPlanner.shares(of: mapping, usage: usage) where !notBilled.contains(share.productID) {
                let active = lines.filter { $0.productID == share.productID && $0.isActive(on: day) }
                guard !active.contains(where: { $0.billing == .payAsYouGo }), share.usage > 0 else { continue }
                let quantity = try? UsageConversion.psaQuantity(usage: share.usage, unit: mapping.unit, psa: psa)
                let prepaid = active.map(\.quantity).reduce(0, +)
                let note =
                    active.isEmpty
                    ? "no active line of product \(share.productID): the usage of \(mapping.item) is billed nowhere"
                    : "only prepaid lines of product \(share.productID) (quantity \(held(prepaid))): they get no usage (B1)"
                rows.append(
                    ReconciliationLine(
                        kind: .cloudOnly, productID: share.productID, item: mapping.item, usageClass: share.usageClass,
                        unit: mapping.unit, lineID: nil, contractID: nil, usage: share.usage, cloudQuantity: quantity,
                        psaQuantity: nil, difference: quantity ?? 0, note: note))
            }
        }
        return rows.sorted { ($0.productID, $0.lineID ?? -1) < ($1.productID, $1.lineID ?? -1) }
    }

    /// The product a problem is about.
    static func productID(of problem: ContractProblem, lines: [ContractLine]) -> Int? {
        switch problem {
        case .mixedBilling(let productID, _), .quantityOutOfRange(let productID, _), .productMappedTwice(let productID, _),
            .noContractForService(let productID, _), .noContractForStorage(let productID, _):
            productID
        case .negativeQuantity(let lineID, _):
            lines.first { $0.id == lineID }?.productID
        }
    }

    /// The usage a storage mapping's product reports, in words.
    static func storageClassName(of productID: Int, in mapping: OfferingItemMapping) -> String {
        switch productID {
        case mapping.storage?.class1: "class 1 (free) usage"
        case mapping.storage?.class2: "class 2 (billed) usage"
        case mapping.storage?.geoRedundant: "geo-redundant usage"
        default: "usage"
        }
    }
}
