import BridgeValues
import Foundation

/// The quotas of a mapped tenant from its company's contract lines (P2, P3).
///
/// For each offering item given, in this order:
/// 1. An item sharing a product with another item (mappings are 1:1 both ways) keeps its quota:
///    ``ContractProblem/productMappedTwice(productID:items:)``.
/// 2. The default storage, when no storage product (quota, class 1, class 2 or geo-redundant) has
///    an active line: ``QuotaTarget/unlimited`` (``QuotaReason/defaultStorage``). The Autotask
///    guide: "the default storage will be assigned"; an assigned storage is enabled, and the rules
///    do not invent a size for it.
/// 3. A storage whose quota product has no active line but one of its class products has:
///    unlimited (``QuotaReason/storageBilledThroughUsageLines``), as in the Autotask guide's
///    "prepaid class 2" example, where the storage shows "0 GB / Unlimited GB".
/// 4. No active line for the item's product, or no product: unlimited with Free provisioning,
///    else ``QuotaTarget/disabled`` (P3).
/// 5. Autotask, pay-as-you-go and prepaid lines for the product: kept, with
///    ``ContractProblem/mixedBilling(productID:contractIDs:)`` (P2).
/// 6. A prepaid line with a negative quantity: kept, ``ContractProblem/negativeQuantity(lineID:quantity:)``.
/// 7. Any pay-as-you-go line: unlimited (with prepaid lines too, ConnectWise: still unlimited) (P2).
/// 8. Prepaid lines only: ``QuotaTarget/limited(_:)`` with the sum of their quantities, overage 0
///    (P2). Counts are rounded down to whole items (the quota never exceeds what was bought);
///    storage GB become bytes at 1 GB = 2^30 bytes (Acronis `bytes` quotas are binary: 1073741824
///    is "1 GB" in the portal), rounded down to whole bytes.
///
/// "Active" is ``ContractLine/isActive(on:)`` on `today`. Items not given are not touched.
/// While a deprovisioning clock holds quotas at zero (P6, ``DeprovisioningState``), the
/// provisioner applies that instead of this plan.
public enum QuotaRule {
    /// Plans the quotas of `mappings` from the company's `lines`.
    /// - Parameters:
    ///   - mappings: the tenant's offering items with their product mappings (mapped or not).
    ///   - lines: all of the company's lines; inactive ones are ignored.
    ///   - psa: the PSA, which decides whether mixed lines are combined (ConnectWise) or an error
    ///     (Autotask).
    ///   - today: the UTC day the lines are checked against.
    public static func plan(
        mappings: [OfferingItemMapping], lines: [ContractLine], psa: PSAKind, today: CalendarDay
    ) -> QuotaPlan {
        let activeByProduct = Dictionary(grouping: lines.filter { $0.isActive(on: today) }, by: \.productID)

        var itemsByProduct: [Int: [OfferingItemKey]] = [:]
        for mapping in mappings {
            for product in Set(mapping.allProductIDs) {
                itemsByProduct[product, default: []].append(mapping.item)
            }
        }
        let duplicates = itemsByProduct.filter { $0.value.count > 1 }

        let storageOnContract = mappings.contains { mapping in
            mapping.storage != nil && mapping.allProductIDs.contains { activeByProduct[$0] != nil }
        }

        var problems: [ContractProblem] = []
        let decisions = mappings.map { mapping in
            let outcome = decide(
                mapping, activeByProduct: activeByProduct, duplicates: duplicates,
                storageOnContract: storageOnContract, psa: psa)
            if case .keepCurrent(let problem) = outcome, !problems.contains(problem) {
                problems.append(problem)
            }
            return QuotaItemDecision(item: mapping.item, outcome: outcome)
        }
        return QuotaPlan(decisions: decisions, problems: problems)
    }

    private static func decide(
        _ mapping: OfferingItemMapping,
        activeByProduct: [Int: [ContractLine]],
        duplicates: [Int: [OfferingItemKey]],
        storageOnContract: Bool,
        psa: PSAKind
    ) -> QuotaItemDecision.Outcome {
        if let product = mapping.allProductIDs.filter({ duplicates[$0] != nil }).min(),
            let items = duplicates[product]
        {
            return .keepCurrent(.productMappedTwice(productID: product, items: items.sorted()))
        }
        if let storage = mapping.storage, storage.isDefault, !storageOnContract {
            return .set(.unlimited, .defaultStorage)
        }
        let productLines = mapping.product.flatMap { activeByProduct[$0] } ?? []
        guard !productLines.isEmpty else {
            let classLines = (mapping.storage?.productIDs ?? []).contains { activeByProduct[$0] != nil }
            if classLines { return .set(.unlimited, .storageBilledThroughUsageLines) }
            if mapping.freeProvisioning { return .set(.unlimited, .freeProvisioning) }
            return .set(.disabled, mapping.product == nil ? .unmappedItem : .noActiveLine)
        }
        let product = productLines[0].productID
        let prepaid = productLines.filter { $0.billing == .prepaid }
        let hasPAYG = prepaid.count < productLines.count

        if hasPAYG, !prepaid.isEmpty {
            switch psa {
            case .connectWise:
                return .set(.unlimited, .prepaidAndPayAsYouGo)
            case .autotask:
                let contracts = Set(productLines.map(\.contractID)).sorted()
                return .keepCurrent(.mixedBilling(productID: product, contractIDs: contracts))
            }
        }
        if hasPAYG { return .set(.unlimited, .payAsYouGo) }

        if let negative = prepaid.filter({ $0.quantity < 0 }).min(by: { $0.id < $1.id }) {
            return .keepCurrent(.negativeQuantity(lineID: negative.id, quantity: negative.quantity))
        }
        let total = prepaid.reduce(Decimal(0)) { $0 + $1.quantity }
        let inUnit = mapping.unit == .bytes ? total * Decimal(StorageBilling.bytesPerGigabyte) : total
        guard let value = inUnit.rounded(scale: 0, .down).exactInt else {
            return .keepCurrent(.quantityOutOfRange(productID: product, quantity: total))
        }
        return .set(.limited(value), .prepaid(totalQuantity: total))
    }
}
