/// The extra product mappings of a storage offering item (B3): besides its "quota and total usage"
/// product (``OfferingItemMapping/product``), a storage may map its class 1 (free) usage, class 2
/// (billed) usage and geo-redundant usage to their own products. ``isDefault`` marks the storage
/// assigned when no storage product is on the contract (P3).
public struct StorageProducts: Sendable, Hashable {
    /// The product for class 1 (free) usage.
    public var class1: Int?
    /// The product for class 2 (billed) usage.
    public var class2: Int?
    /// The product for geo-redundant usage.
    public var geoRedundant: Int?
    /// Whether this is the default storage (P3).
    public var isDefault: Bool

    /// A `StorageProducts` from its parts.
    public init(class1: Int? = nil, class2: Int? = nil, geoRedundant: Int? = nil, isDefault: Bool = false) {
        self.class1 = class1
        self.class2 = class2
        self.geoRedundant = geoRedundant
        self.isDefault = isDefault
    }

    /// The mapped products of the three usage classes.
    public var productIDs: [Int] { [class1, class2, geoRedundant].compactMap { $0 } }
}
