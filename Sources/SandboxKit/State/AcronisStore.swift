/// The live Acronis records. Offering items and usages are kept per tenant.
struct AcronisStore: Sendable {
    typealias Table = AcronisWorld.Table

    var partnerTenantId: String
    var tenants = RecordTable<String>(indexedPaths: ["parent_id"])
    var pricing: [String: JSONObject] = [:]
    var applications = RecordTable<String>()
    /// Tenant id → its offering items.
    var offeringItems: [String: [JSONObject]] = [:]
    var infras = RecordTable<String>()
    /// Tenant id → its usage values.
    var usages: [String: [JSONObject]] = [:]
    /// Tenant id → usage values of past months.
    var usageHistory: [String: [JSONObject]] = [:]
    var reports = RecordTable<String>()
    /// Outcomes of the next reports created (not part of the world).
    var scriptedReports: [ScriptedReport] = []
    var users = RecordTable<String>(indexedPaths: ["tenant_id", "login"])
    var activationEmails: [JSONObject] = []
    var alerts = RecordTable<String>()
    var alertTypes = RecordTable<String>()
    /// Monotonic source of `version` values.
    var versionCounter: Int = 1

    init(world: AcronisWorld) throws {
        partnerTenantId = world.partnerTenantId
        func key(_ record: JSONObject, _ field: String, _ table: Table, _ position: Int) throws -> String {
            guard let value = record[field]?.stringValue else {
                throw SandboxWorldError(description: "acronis.\(table.rawValue)[\(position)] has no string '\(field)'")
            }
            return value
        }
        for (position, record) in world[.tenants].enumerated() {
            tenants.upsert(try key(record, "id", .tenants, position), record)
            versionCounter = max(versionCounter, (record["version"]?.intValue ?? 0) + 1)
        }
        for (position, record) in world[.pricing].enumerated() {
            pricing[try key(record, "tenant_id", .pricing, position)] = record
        }
        for (position, record) in world[.applications].enumerated() {
            applications.upsert(try key(record, "id", .applications, position), record)
        }
        for (position, record) in world[.offeringItems].enumerated() {
            offeringItems[try key(record, "tenant_id", .offeringItems, position), default: []].append(record)
        }
        for (position, record) in world[.infras].enumerated() {
            infras.upsert(try key(record, "id", .infras, position), record)
        }
        for (position, record) in world[.usages].enumerated() {
            usages[try key(record, "tenant_id", .usages, position), default: []].append(record)
        }
        for (position, record) in world[.usageHistory].enumerated() {
            usageHistory[try key(record, "tenant_id", .usageHistory, position), default: []].append(record)
        }
        for (position, record) in world[.reports].enumerated() {
            reports.upsert(try key(record, "id", .reports, position), record)
        }
        for (position, record) in world[.users].enumerated() {
            users.upsert(try key(record, "id", .users, position), record)
        }
        activationEmails = world[.activationEmails]
        for (position, record) in world[.alerts].enumerated() {
            alerts.upsert(try key(record, "id", .alerts, position).lowercased(), record)
        }
        for (position, record) in world[.alertTypes].enumerated() {
            alertTypes.upsert(try key(record, "id", .alertTypes, position), record)
        }
    }

    var world: AcronisWorld {
        var world = AcronisWorld(partnerTenantId: partnerTenantId)
        world[.tenants] = tenants.all
        world[.pricing] = tenants.order.compactMap { pricing[$0] }
        world[.applications] = applications.all
        world[.offeringItems] = tenants.order.flatMap { offeringItems[$0] ?? [] }
        world[.infras] = infras.all
        world[.usages] = tenants.order.flatMap { usages[$0] ?? [] }
        world[.usageHistory] = tenants.order.flatMap { usageHistory[$0] ?? [] }
        world[.reports] = reports.all
        world[.users] = users.all
        world[.activationEmails] = activationEmails
        world[.alerts] = alerts.all
        world[.alertTypes] = alertTypes.all
        world.tables = world.tables.filter { !$0.value.isEmpty }
        return world
    }

    /// The next `version` value.
    mutating func nextVersion() -> Int {
        versionCounter += 1
        return versionCounter
    }
}
