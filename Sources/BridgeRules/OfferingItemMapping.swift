/// The product mapping of one offering item (P2, P3, B1, B3): at most one PSA product (ConnectWise
/// catalog item id, Autotask service id), 1:1 both ways, and the Free provisioning flag.
public struct OfferingItemMapping: Sendable, Hashable {
    /// The offering item.
    public var item: OfferingItemKey
    /// What the item counts.
    public var unit: OfferingItemUnit
    /// The mapped product ("quota and total usage" for storage); nil: unmapped.
    public var product: Int?
    /// "Free provisioning": unlimited instead of disabled when no active line sets the quota.
    public var freeProvisioning: Bool
    /// Storage items only: the usage-class products and the default-storage flag.
    public var storage: StorageProducts?

    /// A `OfferingItemMapping` from its parts.
    public init(
        item: OfferingItemKey, unit: OfferingItemUnit, product: Int?, freeProvisioning: Bool = false,
        storage: StorageProducts? = nil
    ) {
        self.item = item
        self.unit = unit
        self.product = product
        self.freeProvisioning = freeProvisioning
        self.storage = storage
    }

    /// Every product this mapping uses: the quota product and any storage class products.
    public var allProductIDs: [Int] { [product].compactMap { $0 } + (storage?.productIDs ?? []) }
}
