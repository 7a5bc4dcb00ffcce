import Foundation

/// Applications, offering items and quotas, infrastructure and usages.
extension AcronisAPI {
    static func addCatalogRoutes(to routes: inout RouteTable<HandlerContext>) {
        routes.add("GET", "/api/2/applications") { context in
            await context.state.withStore { store in .json(["items": .array(store.acronis.applications.all.map(JSONValue.object))]) }
        }
        routes.add("GET", "/api/2/tenants/{id}/applications") { context in
            let id = context.parameter("id")
            return try await context.state.withStore { store in
                let tenant = try visibleTenant(id, store.acronis)
                let tenantId = tenant["id"]!.stringValue!
                var ids = Set((store.acronis.offeringItems[tenantId] ?? []).filter { $0["status"]?.intValue == 1 }.compactMap { $0["application_id"]?.stringValue })
                ids.formUnion(store.acronis.applications.all.filter { $0["type"]?.stringValue == "platform" }.compactMap { $0["id"]?.stringValue })
                return .json(["items": .array(ids.sorted().map(JSONValue.string))])
            }
        }
        routes.add("GET", "/api/2/tenants/{id}/offering_items") { context in
            let id = context.parameter("id")
            let edition = context.request.query["edition"]
            return try await context.state.withStore { store in
                let tenant = try visibleTenant(id, store.acronis)
                let items = (store.acronis.offeringItems[tenant["id"]!.stringValue!] ?? []).filter { matchesEdition($0, edition) }
                return .json(["items": .array(items.map(JSONValue.object))])
            }
        }
        routes.add("GET", "/api/2/tenants/{id}/offering_items/available_for_child") { context in
            let id = context.parameter("id")
            let edition = context.request.query["edition"]
            guard let kind = context.request.query["kind"], ["customer", "partner", "folder", "unit"].contains(kind) else {
                throw AcronisErrors.badRequest("'kind' is required (customer, partner, folder or unit)")
            }
            return try await context.state.withStore { store in
                let tenant = try visibleTenant(id, store.acronis)
                let items = (store.acronis.offeringItems[tenant["id"]!.stringValue!] ?? [])
                    .filter { $0["status"]?.intValue == 1 && matchesEdition($0, edition) }
                    .map { item -> JSONValue in
                        var copy = item
                        copy["tenant_id"] = nil
                        copy["quota"] = nil
                        return .object(copy)
                    }
                return .json(["items": .array(items)])
            }
        }
        routes.add("PUT", "/api/2/tenants/{id}/offering_items") { try await updateOfferingItems($0) }
        routes.add("GET", "/api/2/tenants/{id}/infra") { context in
            let id = context.parameter("id")
            return try await context.state.withStore { store in
                let tenant = try visibleTenant(id, store.acronis)
                return .json(["infras": .array(visibleInfras(for: tenant, store.acronis).map(JSONValue.string))])
            }
        }
        routes.add("GET", "/api/2/infra") { context in
            let uuids = (context.request.query["uuids"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard !uuids.isEmpty else { throw AcronisErrors.badRequest("'uuids' is required") }
            return await context.state.withStore { store in
                .json(["items": .array(uuids.compactMap { store.acronis.infras[$0] }.map(JSONValue.object))])
            }
        }
        routes.add("GET", "/api/2/infra/{id}") { context in
            let id = context.parameter("id").lowercased()
            return try await context.state.withStore { store in
                guard let infra = store.acronis.infras[id] else { throw AcronisErrors.notFound("Infra", id) }
                return .json(.object(infra))
            }
        }
        routes.add("GET", "/api/2/tenants/{id}/usages") { context in
            let id = context.parameter("id")
            return try await context.state.withStore { store in
                let tenant = try visibleTenant(id, store.acronis)
                return .json(["items": .array(usages(of: tenant, store.acronis, filter: context.request.query).map(JSONValue.object))])
            }
        }
        routes.add("GET", "/api/2/tenants/usages") { context in
            let ids = (context.request.query["tenants"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard !ids.isEmpty else { throw AcronisErrors.badRequest("'tenants' is required (comma-separated tenant ids)") }
            guard ids.count <= 100 else { throw AcronisErrors.badRequest("At most 100 tenants per request") }
            return try await context.state.withStore { store in
                let items = try ids.map { id -> JSONValue in
                    let tenant = try visibleTenant(id, store.acronis)
                    return [
                        "tenant": .string(id),
                        "usages": .array(usages(of: tenant, store.acronis, filter: context.request.query).map(JSONValue.object)),
                    ]
                }
                return .json(["items": .array(items)])
            }
        }
    }

    /// Without `edition` only legacy `standard` items (and edition-less ones) come back — the
    /// documented pitfall; `*` means all; otherwise a comma-separated list of editions.
    static func matchesEdition(_ item: JSONObject, _ edition: String?) -> Bool {
        let itemEdition = item["edition"]?.stringValue
        guard let itemEdition else { return true }
        guard let edition, !edition.isEmpty else { return itemEdition == "standard" }
        if edition == "*" { return true }
        return edition.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == itemEdition }
    }

    /// Storages the tenant may use: platform-owned ones and those owned by the tenant or an ancestor.
    static func visibleInfras(for tenant: JSONObject, _ store: AcronisStore) -> [String] {
        var owners = Set<String>()
        var current: JSONObject? = tenant
        while let node = current, let id = node["id"]?.stringValue, !owners.contains(id) {
            owners.insert(id)
            current = node["parent_id"]?.stringValue.flatMap { store.tenants[$0] }
        }
        return store.infras.all.filter { infra in
            infra["platform_owned"]?.boolValue == true || owners.contains(infra["owner_tenant_id"]?.stringValue ?? "")
        }.compactMap { $0["id"]?.stringValue }
    }

    /// `PUT /tenants/{id}/offering_items` with `{"offering_items": [...]}` (not `items`).
    static func updateOfferingItems(_ context: HandlerContext) async throws -> SandboxResponse {
        let id = context.parameter("id").lowercased()
        let body = try objectBody(context.request)
        guard let changes = body["offering_items"]?.arrayValue else {
            if body["items"] != nil {
                throw AcronisErrors.badRequest("The root key of the body must be 'offering_items', not 'items'")
            }
            throw AcronisErrors.badRequest("Body must be {\"offering_items\": [...]}")
        }
        let now = Date()
        return try await context.state.withStore { store in
            let tenant = try writableTenant(id, store.acronis)
            var items = store.acronis.offeringItems[id] ?? []
            let parentItems = tenant["parent_id"]?.stringValue.flatMap { store.acronis.offeringItems[$0] } ?? []
            let isPartnerItself = id == store.acronis.partnerTenantId
            let infras = Set(visibleInfras(for: tenant, store.acronis))
            for (index, change) in changes.enumerated() {
                guard let object = change.objectValue, let name = object["name"]?.stringValue,
                    let applicationId = object["application_id"]?.stringValue
                else {
                    throw AcronisErrors.badRequest("offering_items[\(index)] needs 'application_id' and 'name'")
                }
                guard let status = object["status"]?.intValue, status == 0 || status == 1 else {
                    throw AcronisErrors.badRequest("offering_items[\(index)] ('\(name)') needs 'status' 0 or 1")
                }
                let infraId = object["infra_id"]?.stringValue?.lowercased()
                var candidates = items.indices.filter { items[$0]["name"]?.stringValue == name && items[$0]["application_id"]?.stringValue == applicationId }
                if candidates.isEmpty,
                    let template = parentItems.first(where: { $0["name"]?.stringValue == name && $0["application_id"]?.stringValue == applicationId })
                {
                    // An item the parent offers but the tenant has no row for yet.
                    var row = template
                    row["tenant_id"] = .string(id)
                    row["status"] = 0
                    row["quota"] = nil
                    items.append(row)
                    candidates = [items.count - 1]
                }
                guard let first = candidates.first else {
                    throw AcronisErrors.badRequest("Unknown offering item '\(name)' of application '\(applicationId)' for tenant '\(id)'")
                }
                let type = items[first]["type"]?.stringValue
                var position = first
                if type == "infra" {
                    guard let infraId else {
                        throw AcronisErrors.badRequest("'infra_id' is required for the infra offering item '\(name)'")
                    }
                    guard infras.contains(infraId) else {
                        throw AcronisErrors.badRequest("Infra '\(infraId)' is not available to tenant '\(id)'")
                    }
                    if let match = candidates.first(where: { items[$0]["infra_id"]?.stringValue == infraId }) {
                        position = match
                    } else {
                        var copy = items[first]
                        copy["infra_id"] = .string(infraId)
                        copy["status"] = 0
                        copy["quota"] = nil
                        items.append(copy)
                        position = items.count - 1
                    }
                }
                var item = items[position]
                if item["locked"]?.boolValue == true {
                    throw AcronisErrors.badRequest("Offering item '\(name)' is locked; its status and quota cannot be changed")
                }
                if status == 1, !isPartnerItself {
                    let enabledOnParent = parentItems.contains {
                        $0["name"]?.stringValue == name && $0["status"]?.intValue == 1
                    }
                    guard enabledOnParent else {
                        throw AcronisErrors.badRequest("Offering item '\(name)' is not enabled for the parent tenant")
                    }
                }
                if let quota = object["quota"], !quota.isNull, status == 1 {
                    guard let quotaObject = quota.objectValue else { throw AcronisErrors.badRequest("'quota' must be an object") }
                    let currentVersion = item["quota"]?["version"].intValue ?? 0
                    let given = quotaObject["version"]?.intValue ?? 0
                    guard given == currentVersion else {
                        throw AcronisErrors.conflict(
                            "Quota version conflict on offering item '\(name)': current \(currentVersion), request \(given)", id: id)
                    }
                    for key in ["value", "overage"] {
                        if let value = quotaObject[key], !value.isNull, (value.doubleValue ?? -1) < 0 {
                            throw AcronisErrors.badRequest("quota.\(key) of '\(name)' must be null (unlimited) or a non-negative number")
                        }
                    }
                    item["quota"] = [
                        "value": quotaObject["value"] ?? .null, "overage": quotaObject["overage"] ?? .null,
                        "version": .int(store.acronis.nextVersion()),
                    ]
                } else if status == 1, item["quota"] == nil {
                    item["quota"] = ["value": .null, "overage": .null, "version": .int(store.acronis.nextVersion())]
                }
                if status == 0 { item["quota"] = nil }
                item["status"] = .int(status)
                item["updated_at"] = .string(ISODate.seconds(now))
                items[position] = item
            }
            if tenant["kind"]?.stringValue == "customer" {
                // Only one storage per capability may be enabled on a customer.
                var seen: [String: String] = [:]
                for item in items where item["type"]?.stringValue == "infra" && item["status"]?.intValue == 1 {
                    guard let infra = item["infra_id"]?.stringValue, let record = store.acronis.infras[infra] else { continue }
                    for capability in record["capabilities"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
                        let key = "\(item["usage_name"]?.stringValue ?? "")|\(capability)"
                        if let other = seen[key], other != infra {
                            throw AcronisErrors.badRequest(
                                "Only one storage with the '\(capability)' capability may be enabled for a customer (\(other) and \(infra))")
                        }
                        seen[key] = infra
                    }
                }
            }
            store.acronis.offeringItems[id] = items
            return .json(["items": .array(items.map(JSONValue.object))])
        }
    }

    /// A stable legacy numeric id for a tenant (usage and alert payloads carry one).
    static func legacyId(_ uuid: String) -> Int {
        Int(UInt64(uuid.replacingOccurrences(of: "-", with: "").prefix(7), radix: 16) ?? 0) + 1_000_000
    }

    /// Usage rows of a tenant: one per enabled offering item (0 unless a value was set) plus any
    /// value set for items not enabled. Filters: `usage_names`, `editions`.
    static func usages(of tenant: JSONObject, _ store: AcronisStore, filter: QueryItems) -> [JSONObject] {
        let id = tenant["id"]?.stringValue ?? ""
        let items = store.offeringItems[id] ?? []
        let stored = store.usages[id] ?? []
        let rangeStart = ISODate.naive(ISODate.startOfMonth(Date()))
        let usageNames = filter["usage_names"].map { Set($0.split(separator: ",").map(String.init)) }
        let editions = filter["editions"].map { Set($0.split(separator: ",").map(String.init)) }
        func key(_ record: JSONObject) -> String {
            "\(record["name"]?.stringValue ?? "")|\(record["infra_id"]?.stringValue ?? "")"
        }
        var rows: [JSONObject] = []
        var seen = Set<String>()
        func row(for item: JSONObject?, usage: JSONObject?) -> JSONObject {
            let source = item ?? usage ?? [:]
            let value = usage?["value"] ?? 0
            var result: JSONObject = [
                "tenant_uuid": .string(id), "tenant_id": .int(legacyId(id)), "application_id": source["application_id"] ?? .null,
                "edition": source["edition"] ?? .null, "name": source["name"] ?? .null, "usage_name": source["usage_name"] ?? .null,
                "type": source["type"] ?? "count", "measurement_unit": source["measurement_unit"] ?? "quantity",
                "range_start": .string(rangeStart), "value": value, "absolute_value": usage?["absolute_value"] ?? value,
            ]
            if let infra = source["infra_id"] ?? usage?["infra_id"] { result["infra_id"] = infra }
            if let item {
                var offering: JSONObject = ["status": item["status"] ?? 0]
                if let quota = item["quota"] { offering["quota"] = quota }
                result["offering_item"] = .object(offering)
            }
            return result
        }
        let usageByKey = Dictionary(stored.map { (key($0), $0) }, uniquingKeysWith: { _, last in last })
        for item in items where item["status"]?.intValue == 1 {
            seen.insert(key(item))
            rows.append(row(for: item, usage: usageByKey[key(item)]))
        }
        for usage in stored where !seen.contains(key(usage)) {
            let item = items.first { key($0) == key(usage) } ?? items.first { $0["name"] == usage["name"] }
            rows.append(row(for: item, usage: usage))
        }
        return rows.filter { row in
            if let usageNames, !usageNames.contains(row["usage_name"]?.stringValue ?? "") { return false }
            if let editions, !editions.contains(row["edition"]?.stringValue ?? "") { return false }
            return true
        }
    }
}
