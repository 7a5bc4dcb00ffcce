/// The ConnectWise Manage part of a world: one array of wire-format records per resource.
public struct ConnectWiseWorld: Sendable, Hashable {
    /// The stored resources.
    public enum Table: String, Sendable, CaseIterable, Codable {
        case companies, companyStatuses, companyTypes, contacts
        case catalog
        case agreementTypes, agreements, additions
        case boards, boardStatuses, boardTypes, boardSubTypes, boardItems, priorities, sources
        case tickets, ticketNotes
        case members
    }

    /// Records per table.
    public var tables: [Table: [JSONObject]]
    /// The codebase `companyinfo` reports, with its trailing slash (e.g. `v4_6_release/`).
    public var codebase: String

    /// A ConnectWise world with these records (empty tables are dropped).
    public init(tables: [Table: [JSONObject]] = [:], codebase: String = "v4_6_release/") {
        self.tables = tables.filter { !$0.value.isEmpty }
        self.codebase = codebase
    }

    /// The records of one table.
    public subscript(table: Table) -> [JSONObject] {
        get { tables[table] ?? [] }
        set { tables[table] = newValue.isEmpty ? nil : newValue }
    }

    var json: JSONValue {
        var object: JSONObject = ["codebase": .string(codebase)]
        for table in Table.allCases where !(tables[table] ?? []).isEmpty {
            object[table.rawValue] = .array(tables[table]!.map(JSONValue.object))
        }
        return .object(object)
    }

    init(json: JSONValue) throws {
        let parsed = try WorldSection.tables(
            json, section: "connectwise", names: Table.allCases.map(\.rawValue), scalars: ["codebase"])
        var tables: [Table: [JSONObject]] = [:]
        for (name, records) in parsed.tables { tables[Table(rawValue: name)!] = records }
        self.init(tables: tables, codebase: parsed.scalars["codebase"]?.stringValue ?? "v4_6_release/")
    }
}
