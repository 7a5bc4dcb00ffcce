import Foundation

/// One row of the billing reconciliation (B1-B3, B6, B8): for a mapped product of a company, the
/// cloud usage in the PSA's units against the quantity the PSA line holds now.
public struct ReconciliationLine: Sendable, Hashable {
    /// How the two sides compare.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Both sides agree at the PSA's precision.
        case same
        /// The PSA line holds another quantity than the usage (the next tick writes the difference).
        case differs
        /// The cloud reports usage of a mapped offering item, and the company has no active
        /// pay-as-you-go line of its product (nothing bills it; prepaid lines may cover it).
        case cloudOnly = "cloud-only"
        /// An active pay-as-you-go line whose product has no mapping, or whose usage the cloud
        /// does not report.
        case psaOnly = "psa-only"
        /// A product billing leaves alone (a ``ContractProblem``, P2, P7).
        case notBilled = "not-billed"
    }

    public var kind: Kind
    /// The PSA product (catalog item or service id).
    public var productID: Int
    /// The mapped offering item; nil for a product no mapping names.
    public var item: OfferingItemKey?
    /// For storage products: which storage usage the product reports (B3).
    public var usageClass: StorageUsageClass?
    /// What ``usage`` counts; nil without a mapping.
    public var unit: OfferingItemUnit?
    /// The addition (ConnectWise) or contract service (Autotask); nil on the cloud side only.
    public var lineID: Int?
    /// The line's agreement or contract.
    public var contractID: Int?
    /// The cloud usage (items, or bytes for storage); nil where the cloud reports none.
    public var usage: Decimal?
    /// The usage in the PSA's units and precision (B6), the quantity billing would write.
    public var cloudQuantity: Decimal?
    /// The quantity the PSA line holds now (at the PSA's precision).
    public var psaQuantity: Decimal?
    /// `cloudQuantity - psaQuantity`, a missing side counting as 0: what billing would add.
    public var difference: Decimal
    /// Why the row is what it is.
    public var note: String

    /// A `ReconciliationLine` from its parts.
    public init(
        kind: Kind, productID: Int, item: OfferingItemKey?, usageClass: StorageUsageClass? = nil, unit: OfferingItemUnit?,
        lineID: Int?, contractID: Int?, usage: Decimal?, cloudQuantity: Decimal?, psaQuantity: Decimal?, difference: Decimal,
        note: String
    ) {
        self.kind = kind
        self.productID = productID
        self.item = item
        self.usageClass = usageClass
        self.unit = unit
        self.lineID = lineID
        self.contractID = contractID
        self.usage = usage
        self.cloudQuantity = cloudQuantity
        self.psaQuantity = psaQuantity
        self.difference = difference
        self.note = note
    }
}
