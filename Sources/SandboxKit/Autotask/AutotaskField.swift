/// Metadata of one Autotask entity field, as `entityInformation/fields` describes it.
struct AutotaskField: Sendable {
    var name: String
    /// `integer`, `long`, `decimal`, `double`, `string`, `boolean`, `datetime`.
    var dataType: String
    var length: Int
    var isRequired: Bool
    var isReadOnly: Bool
    var isQueryable: Bool
    var isReference: Bool
    var referenceEntityType: String
    var isPickList: Bool
    var picklistParentValueField: String

    /// Parses `name:type[:req][:ro][:pick][:noquery][:ref=Entity][:len=N][:parent=field]`.
    init(spec: String) {
        let parts = spec.split(separator: ":").map(String.init)
        name = parts[0]
        dataType = parts.count > 1 ? parts[1] : "string"
        length = dataType == "string" ? 100 : 0
        isRequired = false
        isReadOnly = name == "id"
        isQueryable = true
        isReference = false
        referenceEntityType = ""
        isPickList = false
        picklistParentValueField = ""
        for flag in parts.dropFirst(2) {
            switch flag {
            case "req": isRequired = true
            case "ro": isReadOnly = true
            case "pick": isPickList = true
            case "noquery": isQueryable = false
            default:
                if flag.hasPrefix("ref=") {
                    isReference = true
                    referenceEntityType = String(flag.dropFirst(4))
                } else if flag.hasPrefix("len="), let value = Int(flag.dropFirst(4)) {
                    length = value
                } else if flag.hasPrefix("parent=") {
                    picklistParentValueField = String(flag.dropFirst(7))
                }
            }
        }
    }

    /// The field as `entityInformation/fields` returns it.
    func json(picklist: [JSONObject]?) -> JSONValue {
        [
            "name": .string(name), "dataType": .string(dataType), "length": .int(length), "isRequired": .bool(isRequired),
            "isReadOnly": .bool(isReadOnly), "isQueryable": .bool(isQueryable), "isReference": .bool(isReference),
            "referenceEntityType": .string(referenceEntityType), "isPickList": .bool(isPickList),
            "picklistValues": isPickList ? .array((picklist ?? []).map(JSONValue.object)) : .null,
            "picklistParentValueField": .string(picklistParentValueField), "isSupportedWebhookField": false,
        ]
    }
}
