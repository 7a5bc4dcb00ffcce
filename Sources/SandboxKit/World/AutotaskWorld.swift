/// The Autotask part of a world: records per entity, picklists and user-defined field definitions.
public struct AutotaskWorld: Sendable, Hashable {
    /// The stored entities (names as in the REST URLs).
    public enum Table: String, Sendable, CaseIterable, Codable {
        case Companies, Contacts, Resources
        case Services, BillingCodes, Contracts, ContractServices, ContractServiceAdjustments
        case Tickets, TicketNotes, TicketCategories
        case UserDefinedFieldDefinitions
    }

    /// Records per entity.
    public var tables: [Table: [JSONObject]]
    /// Picklist values: entity name → field name → values (`value`, `label`, `isActive`, …).
    public var picklists: [String: [String: [JSONObject]]]
    /// Zone discovery answer fields other than `url` (`zoneName`, `webUrl`, `ci`).
    public var zone: JSONObject

    /// An Autotask world with these records, picklists and zone fields.
    public init(
        tables: [Table: [JSONObject]] = [:], picklists: [String: [String: [JSONObject]]] = [:],
        zone: JSONObject = ["zoneName": "Sandbox Zone", "webUrl": "https://ww1.autotask.net/", "ci": 12345]
    ) {
        self.tables = tables.filter { !$0.value.isEmpty }
        self.picklists = picklists
        self.zone = zone
    }

    /// The records of one entity.
    public subscript(table: Table) -> [JSONObject] {
        get { tables[table] ?? [] }
        set { tables[table] = newValue.isEmpty ? nil : newValue }
    }

    var json: JSONValue {
        var object: JSONObject = ["zone": .object(zone)]
        object["picklists"] = .object(
            picklists.mapValues { fields in .object(fields.mapValues { .array($0.map(JSONValue.object)) }) })
        for table in Table.allCases where !(tables[table] ?? []).isEmpty {
            object[table.rawValue] = .array(tables[table]!.map(JSONValue.object))
        }
        return .object(object)
    }

    init(json: JSONValue) throws {
        let parsed = try WorldSection.tables(
            json, section: "autotask", names: Table.allCases.map(\.rawValue), scalars: ["picklists", "zone"])
        var tables: [Table: [JSONObject]] = [:]
        for (name, records) in parsed.tables { tables[Table(rawValue: name)!] = records }
        var picklists: [String: [String: [JSONObject]]] = [:]
        if let lists = parsed.scalars["picklists"] {
            guard let entities = lists.objectValue else {
                throw SandboxWorldError(description: "'autotask.picklists' must be an object of entity → field → values")
            }
            for (entity, fields) in entities {
                guard let fieldObject = fields.objectValue else {
                    throw SandboxWorldError(description: "'autotask.picklists.\(entity)' must be an object of field → values")
                }
                for (field, values) in fieldObject {
                    guard let array = values.arrayValue, array.allSatisfy({ $0.objectValue != nil }) else {
                        throw SandboxWorldError(description: "'autotask.picklists.\(entity).\(field)' must be an array of objects")
                    }
                    picklists[entity, default: [:]][field] = array.compactMap(\.objectValue)
                }
            }
        }
        let zone = parsed.scalars["zone"]?.objectValue ?? AutotaskWorld().zone
        self.init(tables: tables, picklists: picklists, zone: zone)
    }
}
