/// Body of `POST /UserDefinedFieldDefinitions`: a new user-defined field on an entity type.
///
/// Not in the reference: the entity is part of Autotask's REST entity list, and the field names
/// follow its `entityInformation/fields`. `udfType` (the entity: Contract, Company, …) and
/// `dataType` (String, Number, Date, List) are picklists; read their values with
/// ``AutotaskClient/picklist(entity:field:)`` on `UserDefinedFieldDefinitions`.
public struct ATUserDefinedFieldDefinitionCreate: Sendable, Hashable, Encodable {
    /// At most 45 characters; unique per entity type.
    public var name: String
    public var udfType: Int
    public var dataType: Int
    public var description: String?
    public var defaultValue: String?
    public var isRequired: Bool
    public var isActive: Bool

    public init(
        name: String, udfType: Int, dataType: Int, description: String? = nil, defaultValue: String? = nil,
        isRequired: Bool = false, isActive: Bool = true
    ) {
        self.name = name
        self.udfType = udfType
        self.dataType = dataType
        self.description = description
        self.defaultValue = defaultValue
        self.isRequired = isRequired
        self.isActive = isActive
    }
}
