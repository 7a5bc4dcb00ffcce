/// A service of the catalog (`/Services`), mapped to an offering item.
public struct ATService: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String?
    public var description: String?
    public var isActive: Bool?
    public var unitPrice: Double?
    public var unitCost: Double?
    /// Picklist value (monthly, quarterly, ...).
    public var periodType: Int?
    public var billingCodeID: Int?
    public var sku: String?
    public var externalID: String?
    public var userDefinedFields: [ATUserDefinedField]?
}
