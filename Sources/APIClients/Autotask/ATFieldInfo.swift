/// Metadata of one field (`/{Entity}/entityInformation/fields` and `/userDefinedFields`).
public struct ATFieldInfo: Sendable, Hashable, Decodable {
    public var name: String
    public var dataType: String?
    public var length: Int?
    public var isRequired: Bool?
    public var isReadOnly: Bool?
    public var isQueryable: Bool?
    public var isReference: Bool?
    public var referenceEntityType: String?
    public var isPickList: Bool?
    public var picklistValues: [ATPicklistValue]?
    public var picklistParentValueField: String?
}
