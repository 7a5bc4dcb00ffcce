/// A product catalog item (`/procurement/catalog`); `identifier` is the product id mapped to an
/// offering item.
public struct CWCatalogItem: Sendable, Hashable, Decodable {
    public var id: Int
    public var identifier: String?
    public var description: String?
    public var inactiveFlag: Bool?
    /// `Agreement`, `Bundle`, `Inventory`, `NonInventory`, `Service`.
    public var productClass: String?
    public var price: Double?
    public var customFields: [CWCustomField]?
}
