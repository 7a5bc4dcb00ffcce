import Foundation

/// Tenants: create, read, list (id lists and cursor-paged sync lists), update with `version`,
/// disable and delete, pricing mode and two-factor authentication.
extension AcronisAPI {
    static let tenantKinds: Set<String> = ["root", "partner", "folder", "customer", "unit"]
    static let tenantWritable: Set<String> = [
        "name", "contact", "contacts", "enabled", "customer_id", "internal_tag", "language", "ancestral_access", "update_lock",
        "parent_id", "kind", "default_idp_id", "customer_type", "brand_id",
    ]
    static let tenantReadOnly: Set<String> = [
        "id", "version", "created_at", "updated_at", "deleted_at", "has_children", "owner_id", "mfa_status", "pricing_mode",
        "production_start_date", "brand_uuid", "path", "offering_items",
    ]
    static let defaultPageLimit = 100
    static let maxPageLimit = 1000

    static func addAccountRoutes(to routes: inout RouteTable<HandlerContext>) {
        routes.add("GET", "/api/2/clients/{client_id}") { context in
            let credentials = context.state.credentials.acronis
            guard context.parameter("client_id") == credentials.clientId else {
                throw AcronisErrors.notFound("Client", context.parameter("client_id"))
            }
            let partner = await context.state.withStore { $0.acronis.partnerTenantId }
            return .json([
                "client_id": .string(credentials.clientId), "tenant_id": .string(partner), "type": "api_client",
                "token_endpoint_auth_method": "client_secret_basic", "status": "enabled",
                "data": ["client_name": "psa-bridge sandbox client"], "created_at": "2024-01-01T00:00:00Z",
            ])
        }
        routes.add("POST", "/api/2/tenants") { try await createTenant($0) }
        routes.add("GET", "/api/2/tenants") { try await listTenants($0) }
        routes.add("GET", "/api/2/tenants/{id}") { try await getTenant($0) }
        routes.add("PUT", "/api/2/tenants/{id}") { try await updateTenant($0) }
        routes.add("DELETE", "/api/2/tenants/{id}") { try await deleteTenant($0) }
        routes.add("GET", "/api/2/tenants/{id}/children") { context in
            let id = context.parameter("id")
            return try await context.state.withStore { store in
                _ = try visibleTenant(id, store.acronis)
                let children = (store.acronis.tenants.keys(where: "parent_id", equals: .string(id)) ?? [])
                    .filter { store.acronis.tenants[$0]?["deleted_at"]?.isNull ?? true }
                return .json(["items": .array(children.map(JSONValue.string))])
            }
        }
        routes.add("GET", "/api/2/tenants/{id}/pricing") { context in
            let id = context.parameter("id")
            return try await context.state.withStore { store in
                let tenant = try visibleTenant(id, store.acronis)
                return .json(.object(pricing(of: tenant, store.acronis)))
            }
        }
        routes.add("PUT", "/api/2/tenants/{id}/pricing") { try await updatePricing($0) }
        routes.add("GET", "/api/2/tenants/{id}/mfa/status") { context in
            let id = context.parameter("id")
            return try await context.state.withStore { store in
                let tenant = try visibleTenant(id, store.acronis)
                return .json(.object(mfaStatus(of: tenant, store.acronis)))
            }
        }
        routes.add("PUT", "/api/2/tenants/{id}/mfa/status") { context in
            let id = context.parameter("id")
            let body = try objectBody(context.request)
            guard let enabled = body["enabled"]?.boolValue else {
                throw AcronisErrors.badRequest("Body must be {\"enabled\": true|false}")
            }
            let now = Date()
            return try await context.state.withStore { store in
                var tenant = try writableTenant(id, store.acronis)
                if tenant["kind"]?.stringValue == "unit" {
                    throw AcronisErrors.error(403, "Unit tenants inherit two-factor authentication from their parent")
                }
                tenant["mfa_status"] = .string(enabled ? "enabled" : "disabled")
                tenant["version"] = .int(store.acronis.nextVersion())
                tenant["updated_at"] = .string(ISODate.seconds(now))
                store.acronis.tenants.upsert(id, tenant)
                return .json(.object(mfaStatus(of: tenant, store.acronis)))
            }
        }
        routes.add("GET", "/api/2/search") { try await search($0) }
        addCatalogRoutes(to: &routes)
        addReportRoutes(to: &routes)
        addUserRoutes(to: &routes)
    }

    // MARK: Visibility

    /// A tenant the API client may see: the partner itself or any tenant below it, not deleted.
    static func visibleTenant(_ id: String, _ store: AcronisStore, allowDeleted: Bool = false) throws -> JSONObject {
        guard let tenant = store.tenants[id.lowercased()] ?? store.tenants[id] else {
            throw AcronisErrors.notFound("Tenant", id)
        }
        if !allowDeleted, !(tenant["deleted_at"]?.isNull ?? true) {
            throw AcronisErrors.notFound("Tenant", id)
        }
        guard isInPartnerSubtree(tenant, store) else {
            throw AcronisErrors.error(403, "Access to tenant '\(id)' is denied", context: ["id": .string(id)])
        }
        return tenant
    }

    /// A tenant the API client may change: visible, and neither it nor an ancestor below the
    /// client's tenant is self-service / without support access (`ancestral_access: false` —
    /// "parents lose access"; refusing writes with 403 is inferred).
    static func writableTenant(_ id: String, _ store: AcronisStore) throws -> JSONObject {
        let tenant = try visibleTenant(id, store)
        var current: JSONObject? = tenant
        while let node = current, node["id"]?.stringValue != store.partnerTenantId {
            if node["ancestral_access"]?.boolValue == false {
                throw AcronisErrors.error(
                    403, "Access to tenant '\(id)' is denied: '\(node["name"]?.stringValue ?? "")' is managed in self-service mode (ancestral_access is false)",
                    context: ["id": .string(id)])
            }
            current = node["parent_id"]?.stringValue.flatMap { store.tenants[$0] }
        }
        return tenant
    }

    static func isInPartnerSubtree(_ tenant: JSONObject, _ store: AcronisStore) -> Bool {
        var current: JSONObject? = tenant
        var hops = 0
        while let node = current, hops < 64 {
            if node["id"]?.stringValue == store.partnerTenantId { return true }
            current = node["parent_id"]?.stringValue.flatMap { store.tenants[$0] }
            hops += 1
        }
        return false
    }

    /// Ids of `root` and every tenant below it, parents first.
    static func subtree(_ root: String, _ store: AcronisStore) -> [String] {
        var result = [root]
        var index = 0
        while index < result.count {
            result.append(contentsOf: store.tenants.keys(where: "parent_id", equals: .string(result[index])) ?? [])
            index += 1
        }
        return result
    }

    // MARK: Create

    static func createTenant(_ context: HandlerContext) async throws -> SandboxResponse {
        let body = try objectBody(context.request)
        let now = Date()
        return try await context.state.withStore { store in
            for field in ["name", "parent_id", "kind"] where body[field]?.stringValue?.isEmpty ?? true {
                throw AcronisErrors.badRequest("'\(field)' is required")
            }
            if let unknown = body.keys.first(where: { !tenantWritable.contains($0) && !tenantReadOnly.contains($0) }) {
                throw AcronisErrors.badRequest("Unknown tenant field '\(unknown)'")
            }
            let name = body["name"]!.stringValue!
            let kind = body["kind"]!.stringValue!
            let parentId = body["parent_id"]!.stringValue!.lowercased()
            guard tenantKinds.contains(kind), kind != "root" else {
                throw AcronisErrors.badRequest("'kind' must be one of partner, folder, customer, unit; got '\(kind)'")
            }
            let parent = try writableTenant(parentId, store.acronis)
            let parentKind = parent["kind"]?.stringValue ?? ""
            let allowed: Set<String> = parentKind == "customer" || parentKind == "unit" ? ["unit"] : ["partner", "folder", "customer"]
            guard allowed.contains(kind) else {
                throw AcronisErrors.badRequest("A \(kind) tenant cannot be created under a \(parentKind) tenant")
            }
            try checkSiblingName(name, parentId: parentId, excluding: nil, store.acronis)
            let id = UUID().uuidString.lowercased()
            var tenant: JSONObject = [
                "id": .string(id), "version": .int(store.acronis.nextVersion()), "name": .string(name), "kind": .string(kind),
                "parent_id": .string(parentId), "enabled": body["enabled"] ?? true, "customer_id": body["customer_id"] ?? .null,
                "internal_tag": body["internal_tag"] ?? .null, "language": body["language"] ?? "en",
                "contact": body["contact"] ?? .object([:]), "ancestral_access": body["ancestral_access"] ?? true,
                "update_lock": body["update_lock"] ?? ["enabled": false, "owner_id": .null],
                "customer_type": body["customer_type"] ?? "default", "default_idp_id": body["default_idp_id"] ?? .null,
                "brand_id": parent["brand_id"] ?? .null, "brand_uuid": parent["brand_uuid"] ?? .null, "has_children": false,
                "owner_id": .null, "mfa_status": "disabled",
                "pricing_mode": .string(kind == "customer" || kind == "partner" ? "trial" : "production"),
                "production_start_date": .null, "created_at": .string(ISODate.seconds(now)),
                "updated_at": .string(ISODate.seconds(now)), "deleted_at": .null,
            ]
            if let contacts = body["contacts"] { tenant["contacts"] = contacts }
            store.acronis.tenants.upsert(id, tenant)
            var updatedParent = parent
            updatedParent["has_children"] = true
            store.acronis.tenants.upsert(parentId, updatedParent)
            // The new tenant can enable what its parent has enabled: a disabled row per such item.
            store.acronis.offeringItems[id] = (store.acronis.offeringItems[parentId] ?? []).filter { $0["status"]?.intValue == 1 }.map {
                var item = $0
                item["tenant_id"] = .string(id)
                item["status"] = 0
                item["quota"] = nil
                item["updated_at"] = .string(ISODate.seconds(now))
                return item
            }
            store.acronis.pricing[id] = [
                "tenant_id": .string(id), "mode": tenant["pricing_mode"]!, "currency": parent["currency"] ?? .null,
                "production_start_date": .null, "version": .int(store.acronis.nextVersion()),
            ]
            return .json(.object(render(tenant, lod: "full", withContacts: true, store: store.acronis)), status: 201)
        }
    }

    /// Sibling tenants may not share a name (409; inferred from "another object of the same type already exists").
    static func checkSiblingName(_ name: String, parentId: String, excluding: String?, _ store: AcronisStore) throws {
        let siblings = store.tenants.keys(where: "parent_id", equals: .string(parentId)) ?? []
        for sibling in siblings where sibling != excluding {
            guard let other = store.tenants[sibling], other["deleted_at"]?.isNull ?? true else { continue }
            if other["name"]?.stringValue?.lowercased() == name.lowercased() {
                throw AcronisErrors.conflict("A tenant named '\(name)' already exists under this parent", id: sibling)
            }
        }
    }

    // MARK: Read

    static func getTenant(_ context: HandlerContext) async throws -> SandboxResponse {
        let id = context.parameter("id")
        let embedPath = context.request.query["embed_path"] == "true"
        return try await context.state.withStore { store in
            var tenant = try visibleTenant(id, store.acronis)
            if embedPath {
                var path: [JSONValue] = []
                var current = tenant["parent_id"]?.stringValue
                while let parent = current, let node = store.acronis.tenants[parent] {
                    path.insert(.string(parent), at: 0)
                    current = node["parent_id"]?.stringValue
                }
                tenant["path"] = .array(path)
            }
            return .json(.object(render(tenant, lod: "full", withContacts: true, store: store.acronis)))
        }
    }

    /// A tenant as returned at a level of detail.
    static func render(_ tenant: JSONObject, lod: String, withContacts: Bool, withOfferingItems: Bool = false, store: AcronisStore) -> JSONObject {
        var tenant = tenant
        switch lod {
        case "stamps":
            return tenant.filter { ["id", "version", "parent_id", "kind", "created_at", "updated_at", "deleted_at"].contains($0.key) }
        case "basic":
            tenant["contact"] = nil
            tenant["contacts"] = nil
        case "full_without_contacts":
            tenant["contacts"] = nil
        default:
            if !withContacts { tenant["contacts"] = nil }
        }
        if withOfferingItems, let id = tenant["id"]?.stringValue {
            tenant["offering_items"] = .array((store.offeringItems[id] ?? []).map(JSONValue.object))
        }
        return tenant
    }

    /// `GET /api/2/tenants` with one of `uuids`, `parent_id`, `subtree_root_id`; cursor-paged
    /// with `limit`/`after` except for `uuids` (at most 100 ids).
    static func listTenants(_ context: HandlerContext) async throws -> SandboxResponse {
        let query = context.request.query
        let names = ["uuids", "parent_id", "subtree_root_id", "lod", "with_contacts", "with_offering_items", "allow_deleted", "updated_since", "limit"]
        let (filters, after) = try AcronisCursor.filters(query, names: names)
        let selectors = ["uuids", "parent_id", "subtree_root_id"].filter { filters[$0] != nil }
        guard selectors.count == 1 else {
            throw AcronisErrors.badRequest("Exactly one of uuids, parent_id or subtree_root_id is required (they are mutually exclusive)")
        }
        let limit: Int
        if let text = filters["limit"] {
            guard let value = Int(text), value >= 1 else { throw AcronisErrors.badRequest("limit must be a positive integer") }
            limit = min(value, maxPageLimit)
        } else {
            // Default page size when none is given (inferred; the Go connector pages with 100).
            limit = defaultPageLimit
        }
        let allowDeleted = filters["allow_deleted"] == "true"
        let updatedSince: Date?
        if let text = filters["updated_since"] {
            guard let date = ISODate.parse(text) else { throw AcronisErrors.badRequest("updated_since must be an RFC 3339 timestamp") }
            updatedSince = date
        } else {
            updatedSince = nil
        }
        let lod = filters["lod"] ?? "full"
        guard ["stamps", "basic", "full_without_contacts", "full"].contains(lod) else {
            throw AcronisErrors.badRequest("lod must be stamps, basic, full_without_contacts or full")
        }
        let withContacts = filters["with_contacts"] == "true"
        let withOfferingItems = filters["with_offering_items"] == "true"
        let now = Date()
        return try await context.state.withStore { store in
            var ids: [String]
            var paged = true
            if let uuids = filters["uuids"] {
                ids = uuids.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                guard ids.count <= 100 else { throw AcronisErrors.badRequest("At most 100 uuids per request") }
                paged = false
            } else if let parent = filters["parent_id"] {
                _ = try visibleTenant(parent, store.acronis)
                ids = store.acronis.tenants.keys(where: "parent_id", equals: .string(parent.lowercased())) ?? []
            } else {
                let root = filters["subtree_root_id"]!.lowercased()
                _ = try visibleTenant(root, store.acronis)
                let members = Set(subtree(root, store.acronis))
                ids = store.acronis.tenants.order.filter { members.contains($0) }
            }
            // Resume after the cursor's tenant (by position in the list, or in creation order if it left the list).
            if let after, let position = ids.firstIndex(of: after) {
                ids = Array(ids[(position + 1)...])
            } else if let after, let afterPosition = store.acronis.tenants.order.firstIndex(of: after) {
                let later = Set(store.acronis.tenants.order[(afterPosition + 1)...])
                ids = ids.filter { later.contains($0) }
            }
            // Children of a visible parent are visible; a uuid list is checked one by one.
            let checkVisibility = !paged
            let acronis = store.acronis
            let tenants = ids.lazy.compactMap { acronis.tenants[$0] }.filter { tenant in
                if !allowDeleted, !(tenant["deleted_at"]?.isNull ?? true) { return false }
                if let updatedSince, let updated = tenant["updated_at"]?.stringValue.flatMap(ISODate.parse), updated < updatedSince {
                    return false
                }
                return !checkVisibility || isInPartnerSubtree(tenant, acronis)
            }
            var page: [JSONObject]
            var cursors: JSONObject = [:]
            if !paged {
                page = Array(tenants)
            } else {
                page = Array(tenants.prefix(limit + 1))
            }
            if paged, page.count > limit {
                page = Array(page.prefix(limit))
                var cursorFilters = filters
                cursorFilters["limit"] = String(limit)
                cursors["after"] = .string(AcronisCursor(filters: cursorFilters, lastKey: page.last!["id"]!.stringValue!).encoded)
            }
            let items = page.map {
                JSONValue.object(render($0, lod: lod, withContacts: withContacts, withOfferingItems: withOfferingItems, store: store.acronis))
            }
            return .json([
                "items": .array(items), "paging": ["cursors": .object(cursors)], "timestamp": .string(ISODate.seconds(now)),
            ])
        }
    }

    // MARK: Update and delete

    static func updateTenant(_ context: HandlerContext) async throws -> SandboxResponse {
        let id = context.parameter("id").lowercased()
        let body = try objectBody(context.request)
        let now = Date()
        return try await context.state.withStore { store in
            var tenant = try writableTenant(id, store.acronis)
            guard let version = body["version"]?.intValue else {
                throw AcronisErrors.badRequest("'version' is required to update a tenant")
            }
            guard version == tenant["version"]?.intValue else {
                throw AcronisErrors.conflict(
                    "Version conflict: tenant '\(id)' is at version \(tenant["version"]?.intValue ?? 0), the request has \(version)", id: id)
            }
            if let unknown = body.keys.first(where: { !tenantWritable.contains($0) && !tenantReadOnly.contains($0) }) {
                throw AcronisErrors.badRequest("Unknown tenant field '\(unknown)'")
            }
            if id == store.acronis.partnerTenantId, body["enabled"]?.boolValue == false {
                throw AcronisErrors.error(403, "The API client cannot disable its own tenant")
            }
            if let lock = tenant["update_lock"]?["enabled"].boolValue, lock,
                tenant["update_lock"]?["owner_id"].stringValue != store.acronis.partnerTenantId
            {
                throw AcronisErrors.error(403, "Tenant '\(id)' is locked for updates by another tenant")
            }
            if let name = body["name"]?.stringValue, name != tenant["name"]?.stringValue {
                try checkSiblingName(name, parentId: body["parent_id"]?.stringValue ?? tenant["parent_id"]?.stringValue ?? "", excluding: id, store.acronis)
            }
            if let kind = body["kind"]?.stringValue, !tenantKinds.contains(kind) {
                throw AcronisErrors.badRequest("Unknown kind '\(kind)'")
            }
            if let parentId = body["parent_id"]?.stringValue, parentId != tenant["parent_id"]?.stringValue {
                _ = try visibleTenant(parentId, store.acronis)
            }
            for (key, value) in body where tenantWritable.contains(key) {
                if key == "enabled", value.boolValue == nil { throw AcronisErrors.badRequest("'enabled' must be a boolean") }
                tenant[key] = value
            }
            tenant["version"] = .int(store.acronis.nextVersion())
            tenant["updated_at"] = .string(ISODate.seconds(now))
            store.acronis.tenants.upsert(id, tenant)
            return .json(.object(render(tenant, lod: "full", withContacts: true, store: store.acronis)))
        }
    }

    static func deleteTenant(_ context: HandlerContext) async throws -> SandboxResponse {
        let id = context.parameter("id").lowercased()
        guard let versionText = context.request.query["version"], let version = Int(versionText) else {
            throw AcronisErrors.badRequest("The 'version' query parameter is required to delete a tenant")
        }
        let now = Date()
        return try await context.state.withStore { store in
            let tenant = try writableTenant(id, store.acronis)
            guard id != store.acronis.partnerTenantId else {
                throw AcronisErrors.error(403, "The API client cannot delete its own tenant")
            }
            guard version == tenant["version"]?.intValue else {
                throw AcronisErrors.conflict(
                    "Version conflict: tenant '\(id)' is at version \(tenant["version"]?.intValue ?? 0), the request has \(version)", id: id)
            }
            guard tenant["enabled"]?.boolValue == false else {
                throw AcronisErrors.error(
                    400, "It is prohibited to delete a non-disabled tenant.", code: 1006,
                    details: ["info": "Disable the tenant first", "addition": [["id": .string(id)]]], context: ["id": .string(id)])
            }
            for member in subtree(id, store.acronis) {
                guard var node = store.acronis.tenants[member], node["deleted_at"]?.isNull ?? true else { continue }
                node["deleted_at"] = .string(ISODate.seconds(now))
                node["updated_at"] = .string(ISODate.seconds(now))
                node["version"] = .int(store.acronis.nextVersion())
                store.acronis.tenants.upsert(member, node)
                for userId in store.acronis.users.keys(where: "tenant_id", equals: .string(member)) ?? [] {
                    guard var user = store.acronis.users[userId] else { continue }
                    user["deleted_at"] = .string(ISODate.seconds(now))
                    user["version"] = .int(store.acronis.nextVersion())
                    store.acronis.users.upsert(userId, user)
                }
            }
            return .empty(204)
        }
    }

    // MARK: Pricing and MFA

    static func pricing(of tenant: JSONObject, _ store: AcronisStore) -> JSONObject {
        let id = tenant["id"]?.stringValue ?? ""
        if let record = store.pricing[id] {
            return record.filter { $0.key != "tenant_id" }
        }
        return ["mode": tenant["pricing_mode"] ?? "trial", "currency": .null, "production_start_date": tenant["production_start_date"] ?? .null, "version": 1]
    }

    static func updatePricing(_ context: HandlerContext) async throws -> SandboxResponse {
        let id = context.parameter("id").lowercased()
        let body = try objectBody(context.request)
        let now = Date()
        return try await context.state.withStore { store in
            var tenant = try writableTenant(id, store.acronis)
            var current = pricing(of: tenant, store.acronis)
            guard let version = body["version"]?.intValue else {
                throw AcronisErrors.badRequest("'version' is required to update pricing settings")
            }
            guard version == current["version"]?.intValue else {
                throw AcronisErrors.conflict("Version conflict on pricing settings of tenant '\(id)'", id: id)
            }
            let mode = body["mode"]?.stringValue ?? current["mode"]?.stringValue ?? "trial"
            guard ["trial", "production"].contains(mode) else {
                throw AcronisErrors.badRequest("mode must be trial or production")
            }
            if current["mode"]?.stringValue == "production", mode == "trial" {
                throw AcronisErrors.badRequest("Switching from production to trial mode is not possible")
            }
            if current["mode"]?.stringValue != "production", mode == "production" {
                current["production_start_date"] = .string(ISODate.naive(now))
            }
            current["mode"] = .string(mode)
            if let currency = body["currency"] { current["currency"] = currency }
            current["version"] = .int(store.acronis.nextVersion())
            var record = current
            record["tenant_id"] = .string(id)
            store.acronis.pricing[id] = record
            tenant["pricing_mode"] = .string(mode)
            tenant["production_start_date"] = current["production_start_date"] ?? .null
            tenant["updated_at"] = .string(ISODate.seconds(now))
            store.acronis.tenants.upsert(id, tenant)
            return .json(.object(current))
        }
    }

    static func mfaStatus(of tenant: JSONObject, _ store: AcronisStore) -> JSONObject {
        let id = tenant["id"]?.stringValue ?? ""
        let users = (store.users.keys(where: "tenant_id", equals: .string(id)) ?? []).compactMap { store.users[$0] }
            .filter { ($0["deleted_at"]?.isNull ?? true) && $0["enabled"]?.boolValue != false }
        return [
            "mfa_status": tenant["mfa_status"] ?? "disabled", "users": .int(users.count),
            "users_with_totp_enabled": .int(users.filter { $0["mfa_status"]?.stringValue == "enabled" }.count),
            "update_allowed": .bool(tenant["kind"]?.stringValue != "unit"),
        ]
    }

    // MARK: Search

    /// `GET /api/2/search?tenant=<root>&text=<query>&limit=<n, default 10>`: tenants and users below
    /// `tenant` whose name, login or e-mail contains the text (case-insensitive).
    static func search(_ context: HandlerContext) async throws -> SandboxResponse {
        let query = context.request.query
        guard let root = query["tenant"]?.lowercased(), let text = query["text"], !text.isEmpty else {
            throw AcronisErrors.badRequest("'tenant' and 'text' are required")
        }
        let limit = query["limit"].flatMap(Int.init).map { max(1, min($0, 1000)) } ?? 10
        let needle = text.lowercased()
        return try await context.state.withStore { store in
            let rootTenant = try visibleTenant(root, store.acronis)
            let members = subtree(root, store.acronis)
            func path(_ tenant: JSONObject) -> [JSONValue] {
                var names: [JSONValue] = []
                var current: JSONObject? = tenant
                while let node = current, let id = node["id"]?.stringValue {
                    names.insert(node["name"] ?? .null, at: 0)
                    if id == root { break }
                    current = node["parent_id"]?.stringValue.flatMap { store.acronis.tenants[$0] }
                }
                return names
            }
            var items: [JSONValue] = []
            for id in members where id != rootTenant["id"]?.stringValue {
                guard let tenant = store.acronis.tenants[id], tenant["deleted_at"]?.isNull ?? true else { continue }
                if tenant["name"]?.stringValue?.lowercased().contains(needle) == true {
                    items.append([
                        "obj_type": "tenant", "id": .string(id), "parent_id": tenant["parent_id"] ?? .null, "path": .array(path(tenant)),
                        "kind": tenant["kind"] ?? .null, "name": tenant["name"] ?? .null, "deleted_at": .null,
                    ])
                }
                for userId in store.acronis.users.keys(where: "tenant_id", equals: .string(id)) ?? [] {
                    guard let user = store.acronis.users[userId], user["deleted_at"]?.isNull ?? true else { continue }
                    let login = user["login"]?.stringValue ?? ""
                    let email = user["contact"]?["email"].stringValue ?? ""
                    guard login.lowercased().contains(needle) || email.lowercased().contains(needle) else { continue }
                    items.append([
                        "obj_type": "user", "id": .string(userId), "parent_id": .string(id), "path": .array(path(tenant)),
                        "login": .string(login), "first_name": user["contact"]?["firstname"] ?? .null,
                        "last_name": user["contact"]?["lastname"] ?? .null, "deleted_at": .null,
                    ])
                }
                if items.count >= limit { break }
            }
            return .json(["items": .array(Array(items.prefix(limit)))])
        }
    }
}
