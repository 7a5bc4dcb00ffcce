/// The live ConnectWise records.
struct ConnectWiseStore: Sendable {
    typealias Table = ConnectWiseWorld.Table

    var tables: [Table: RecordTable<Int>]
    var codebase: String

    /// Field paths indexed per table (the filters the integration uses on big tables).
    static let indexedPaths: [Table: [String]] = [
        .companies: ["identifier"],
        .contacts: ["company/id"],
        .agreements: ["company/id"],
        .additions: ["agreementId"],
        .boardStatuses: ["board/id"],
        .boardTypes: ["board/id"],
        .boardSubTypes: ["board/id"],
        .boardItems: ["board/id"],
        .tickets: ["company/id", "externalXRef"],
        .ticketNotes: ["ticketId"],
    ]

    init(world: ConnectWiseWorld) throws {
        codebase = world.codebase
        tables = [:]
        for table in Table.allCases {
            var records = RecordTable<Int>(indexedPaths: Self.indexedPaths[table] ?? [])
            for (position, record) in world[table].enumerated() {
                guard let id = record["id"]?.intValue else {
                    throw SandboxWorldError(description: "connectwise.\(table.rawValue)[\(position)] has no integer 'id'")
                }
                records.upsert(id, record)
            }
            tables[table] = records
        }
    }

    var world: ConnectWiseWorld {
        var world = ConnectWiseWorld(codebase: codebase)
        for (table, records) in tables where records.count > 0 {
            world[table] = records.all
        }
        return world
    }

    subscript(table: Table) -> RecordTable<Int> {
        get { tables[table]! }
        set { tables[table] = newValue }
    }

    /// Stores a new record under the next id and returns it.
    mutating func insert(_ table: Table, _ record: JSONObject) -> JSONObject {
        var record = record
        let id = self[table].nextKey
        record["id"] = .int(id)
        self[table].upsert(id, record)
        return record
    }
}
