/// The live Autotask records, picklists and UDF definitions.
struct AutotaskStore: Sendable {
    typealias Table = AutotaskWorld.Table

    var tables: [Table: RecordTable<Int>]
    var picklists: [String: [String: [JSONObject]]]
    var zone: JSONObject

    static let indexedPaths: [Table: [String]] = [
        .Contacts: ["companyID"],
        .Contracts: ["companyID"],
        .ContractServices: ["contractID"],
        .ContractServiceAdjustments: ["contractID", "contractServiceID"],
        .Tickets: ["companyID", "externalID"],
        .TicketNotes: ["ticketID"],
    ]

    init(world: AutotaskWorld) throws {
        picklists = world.picklists
        zone = world.zone
        tables = [:]
        for table in Table.allCases {
            var records = RecordTable<Int>(indexedPaths: Self.indexedPaths[table] ?? [])
            for (position, record) in world[table].enumerated() {
                guard let id = record["id"]?.intValue else {
                    throw SandboxWorldError(description: "autotask.\(table.rawValue)[\(position)] has no integer 'id'")
                }
                records.upsert(id, record)
            }
            tables[table] = records
        }
    }

    var world: AutotaskWorld {
        var world = AutotaskWorld(picklists: picklists, zone: zone)
        for (table, records) in tables where records.count > 0 {
            world[table] = records.all
        }
        return world
    }

    subscript(table: Table) -> RecordTable<Int> {
        get { tables[table]! }
        set { tables[table] = newValue }
    }

    /// Stores a new record under the next id and returns the id.
    mutating func insert(_ table: Table, _ record: JSONObject) -> Int {
        var record = record
        let id = self[table].nextKey
        record["id"] = .int(id)
        self[table].upsert(id, record)
        return id
    }
}
