/// The Acronis Cyber Cloud part of a world.
public struct AcronisWorld: Sendable, Hashable {
    /// The stored collections.
    public enum Table: String, Sendable, CaseIterable, Codable {
        /// Tenants (the partner tenant the API client belongs to, its customers and sub-partners).
        case tenants
        /// Pricing settings per tenant (`tenant_id`, `mode`, `currency`, `production_start_date`, `version`).
        case pricing
        /// Applications (services).
        case applications
        /// Offering items per tenant (`tenant_id`, `application_id`, `name`, `status`, `quota`, …).
        case offeringItems
        /// Storages and other infrastructure.
        case infras
        /// Usage values per tenant (`tenant_id`, `name`, `infra_id`, `value`, `absolute_value`).
        case usages
        /// Usage values of past months (`tenant_id`, `name`, `infra_id`, `period` "YYYY-MM", `value`), read by usage reports.
        case usageHistory
        /// Usage reports created through `POST /api/2/reports`.
        case reports
        /// Users.
        case users
        /// Activation e-mails sent (`user_id`, `email`, `sent_at`): a record for tests, not an API resource.
        case activationEmails
        /// Alerts of the Alert Manager.
        case alerts
        /// Alert types.
        case alertTypes
    }

    /// Records per collection.
    public var tables: [Table: [JSONObject]]
    /// The partner tenant the sandbox's API client belongs to.
    public var partnerTenantId: String

    /// An Acronis world with these records, for the API client of `partnerTenantId`.
    public init(tables: [Table: [JSONObject]] = [:], partnerTenantId: String = "") {
        self.tables = tables.filter { !$0.value.isEmpty }
        self.partnerTenantId = partnerTenantId
    }

    /// The records of one collection.
    public subscript(table: Table) -> [JSONObject] {
        get { tables[table] ?? [] }
        set { tables[table] = newValue.isEmpty ? nil : newValue }
    }

    var json: JSONValue {
        var object: JSONObject = ["partnerTenantId": .string(partnerTenantId)]
        for table in Table.allCases where !(tables[table] ?? []).isEmpty {
            object[table.rawValue] = .array(tables[table]!.map(JSONValue.object))
        }
        return .object(object)
    }

    init(json: JSONValue) throws {
        let parsed = try WorldSection.tables(
            json, section: "acronis", names: Table.allCases.map(\.rawValue), scalars: ["partnerTenantId"])
        var tables: [Table: [JSONObject]] = [:]
        for (name, records) in parsed.tables { tables[Table(rawValue: name)!] = records }
        self.init(tables: tables, partnerTenantId: parsed.scalars["partnerTenantId"]?.stringValue ?? "")
    }
}
