import Foundation

/// One pay-as-you-go line as billing sees it (B1-B3, B6): the usage it should show, the
/// quantity the PSA holds now, the quantity to write and why. `bridgectl billing preview`
/// prints these; the usage-reporter writes those whose ``write`` is not `.unchanged`.
public struct BillingLine: Sendable, Hashable {
    /// The addition (ConnectWise) or contract service (Autotask) id.
    public var lineID: Int
    /// Its agreement or contract.
    public var contractID: Int
    /// The mapped product.
    public var productID: Int
    /// The offering item whose usage the line shows.
    public var item: OfferingItemKey
    /// For storage products: which storage usage the line shows (B3).
    public var usageClass: StorageUsageClass?
    /// The cloud usage behind the quantity (items, or bytes for storage).
    public var usage: Decimal
    /// What `usage` counts.
    public var unit: OfferingItemUnit
    /// The quantity the PSA holds now.
    public var current: Decimal
    /// The quantity the line should hold, in the PSA's precision (B6).
    public var target: Decimal
    /// The write from `current` to `target` (B8: `.unchanged` when they agree).
    public var write: QuantityWrite
    /// Why the line gets `target`: the rule, the period, the storage class and the rounding.
    public var reason: String

    /// A `BillingLine` from its parts.
    public init(
        lineID: Int, contractID: Int, productID: Int, item: OfferingItemKey, usageClass: StorageUsageClass?,
        usage: Decimal, unit: OfferingItemUnit, current: Decimal, target: Decimal, write: QuantityWrite, reason: String
    ) {
        self.lineID = lineID
        self.contractID = contractID
        self.productID = productID
        self.item = item
        self.usageClass = usageClass
        self.usage = usage
        self.unit = unit
        self.current = current
        self.target = target
        self.write = write
        self.reason = reason
    }

    /// Whether the PSA must be written.
    public var needsWrite: Bool { write != .unchanged }
}
