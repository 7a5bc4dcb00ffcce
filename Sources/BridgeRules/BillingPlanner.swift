import BridgeValues
import Foundation

/// The billing planner (B1-B6, B8): from a tenant's usage for a period, its company's lines and
/// the product mappings, the quantity every pay-as-you-go line of a mapped product should show.
///
/// - Each mapped offering item's usage goes to the PAYG lines of its product (``UsageBilling``):
///   prepaid lines get none (B1), the PAYG line shows the whole usage also where prepaid lines of
///   the product exist (ConnectWise, B2), a product with PAYG and prepaid lines on Autotask is a
///   problem and left alone (P2).
/// - Storage items report per their storage mappings (``StorageBilling``, B3): the "quota and
///   total usage" product standard + geo-redundant, the class products their own figure. A class
///   the cloud does not report writes nothing (not reported is not zero).
/// - Quantities have the PSA's precision (``UsageConversion``, B6) and are compared with what the
///   PSA holds (``QuantityWrite``), so the same quantity is never written twice (B8).
/// - Lines count when they are active on the period's last day: usage of a period still goes to
///   a line that ended on its last day.
///
/// The planner never reads or writes anything; the usage-reporter, `bridgectl billing preview`
/// and the reconcile report all call it.
public enum BillingPlanner {
    /// The plan for one tenant and one period.
    /// - Parameters:
    ///   - usage: the tenant's usage for `window` (a sub-partner's: the sum over its customers, B5).
    ///   - lines: the company's lines (any product, any state), with the quantities the PSA holds.
    ///   - mappings: the product mappings.
    ///   - psa: the PSA, for precision and mixed lines.
    ///   - window: the reported period.
    public static func plan(
        usage: TenantUsage, lines: [ContractLine], mappings: [OfferingItemMapping], psa: PSAKind,
        window: UsageReportWindow
    ) -> BillingPlan {
        let current = Dictionary(lines.map { ($0.id, $0.quantity) }, uniquingKeysWith: { first, _ in first })
        var result: [BillingLine] = []
        var problems: [ContractProblem] = []
        for mapping in mappings.sorted(by: { $0.item < $1.item }) {
            for share in shares(of: mapping, usage: usage) {
                let linePlan: UsageLinePlan
                do {
                    linePlan = try UsageBilling.plan(
                        productID: share.productID, usage: share.usage, unit: mapping.unit, lines: lines, psa: psa,
                        today: window.last)
                } catch {
                    problems.append(.quantityOutOfRange(productID: share.productID, quantity: share.usage))
                    continue
                }
                if let problem = linePlan.problem {
                    problems.append(problem)
                    continue
                }
                for (index, target) in linePlan.targets.enumerated() {
                    let held = current[target.lineID] ?? 0
                    let write: QuantityWrite
                    do {
                        write = try QuantityWrite.decide(psa: psa, target: target.quantity, current: held)
                    } catch {
                        problems.append(.quantityOutOfRange(productID: share.productID, quantity: target.quantity))
                        continue
                    }
                    result.append(
                        BillingLine(
                            lineID: target.lineID, contractID: target.contractID, productID: share.productID,
                            item: mapping.item, usageClass: share.usageClass, usage: share.usage, unit: mapping.unit,
                            current: held, target: target.quantity, write: write,
                            reason: reason(
                                share, mapping: mapping, target: target.quantity, psa: psa, window: window,
                                otherLineShowsUsage: index > 0)))
                }
            }
        }
        return BillingPlan(window: window, lines: result, problems: problems)
    }

    /// One product's share of a mapped item's usage.
    struct Share {
        var productID: Int
        var usageClass: StorageUsageClass?
        var usage: Decimal
    }

    static func shares(of mapping: OfferingItemMapping, usage: TenantUsage) -> [Share] {
        guard mapping.storage != nil else {
            return mapping.product.map { [Share(productID: $0, usage: usage.items[mapping.item] ?? 0)] } ?? []
        }
        return StorageBilling.productUsages(mapping: mapping, usage: usage.storage(mapping.item)).compactMap { product in
            product.bytes.map { Share(productID: product.productID, usageClass: product.usageClass, usage: $0) }
        }
    }

    static func reason(
        _ share: Share, mapping: OfferingItemMapping, target: Decimal, psa: PSAKind, window: UsageReportWindow,
        otherLineShowsUsage: Bool
    ) -> String {
        let period = "period \(window.label) (\(window.first)…\(window.last)\(window.includesToday ? ", so far" : ""))"
        if otherLineShowsUsage {
            return "B2: another pay-as-you-go line of product \(share.productID) shows the usage of \(mapping.item); this one 0, \(period)"
        }
        switch mapping.unit {
        case .count:
            let rounded = share.usage == target ? "" : ", rounded up to a whole number"
            return "B1: usage of \(mapping.item) is \(share.usage)\(rounded), \(period)"
        case .bytes:
            let gigabytes = StorageBilling.gigabytes(bytes: share.usage)
            let what: String
            switch share.usageClass ?? .total {
            case .total: what = "total storage (standard + geo-redundant)"
            case .class1: what = "class 1 (free) storage"
            case .class2: what = "class 2 (billed) storage"
            case .geoRedundant: what = "geo-redundant storage"
            }
            let precision = psa == .connectWise ? "rounded up to 0.01 GB" : "rounded up to whole GB"
            return "B3: \(what) of \(mapping.item) is \(share.usage) bytes = \(gigabytes.rounded(scale: 6, .plain)) GB, \(precision), \(period)"
        }
    }
}
