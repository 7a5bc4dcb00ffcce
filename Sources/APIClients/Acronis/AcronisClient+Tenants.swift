import Foundation

extension AcronisClient {
    /// The tenant the API client belongs to (`GET /api/2/clients/{client_id}` → `tenant_id`):
    /// the partner tenant under which customers are created.
    public func ownTenantID() async throws -> String {
        struct ClientInfo: Decodable { var tenantID: String
            enum CodingKeys: String, CodingKey { case tenantID = "tenant_id" }
        }
        return try await get(ClientInfo.self, "\(Self.accountPath)/clients/\(Self.segment(configuration.clientID))").tenantID
    }

    /// One tenant (`GET /api/2/tenants/{id}`).
    public func tenant(id: String) async throws -> AcronisTenant {
        try await get(AcronisTenant.self, "\(Self.accountPath)/tenants/\(Self.segment(id))")
    }

    /// Tenants by id (`GET /api/2/tenants?uuids=[&lod=full&with_offering_items=true]`), 100 ids
    /// per call. Unknown ids are left out.
    public func tenants(ids: [String], withOfferingItems: Bool = false) async throws -> [AcronisTenant] {
        var result: [AcronisTenant] = []
        for chunk in ids.chunked(Self.batchSize) {
            var query: [(name: String, value: String)] = [("uuids", chunk.joined(separator: ","))]
            if withOfferingItems { query += [("lod", "full"), ("with_offering_items", "true")] }
            result += try await get(AcronisItems<AcronisTenant>.self, "\(Self.accountPath)/tenants", query: query).items
        }
        return result
    }

    /// All direct children of a tenant, following the cursor to the last page
    /// (`GET /api/2/tenants?parent_id=&limit=`, then `?after=`).
    /// - Parameter includeDeleted: also list soft-deleted tenants (`deletedAt` set).
    public func childTenants(of parentID: String, includeDeleted: Bool = false) async throws -> [AcronisTenant] {
        // `lod=full` asks for whole records: the API's default level of detail is not documented.
        var query: [(name: String, value: String)] = [
            ("parent_id", parentID), ("lod", "full"), ("limit", String(configuration.pageSize)),
        ]
        if includeDeleted { query.append(("allow_deleted", "true")) }
        return try await listAll(AcronisTenant.self, "\(Self.accountPath)/tenants", query: query, cursorOnly: true)
    }

    /// Every tenant below `rootID` (the root itself not included), with their offering items when
    /// asked, following the cursor to the last page
    /// (`GET /api/2/tenants?subtree_root_id=&lod=full[&with_offering_items=true]&limit=`).
    public func subtreeTenants(of rootID: String, withOfferingItems: Bool) async throws -> [AcronisTenant] {
        var tenants: [AcronisTenant] = []
        try await forEachSubtreePage(of: rootID, withOfferingItems: withOfferingItems) { tenants += $0 }
        return tenants
    }

    /// The same listing as ``subtreeTenants(of:withOfferingItems:)``, handed to `body` a page
    /// (`pageSize` tenants) at a time: the provisioner and the usage-reporter keep only what they
    /// need of each record, so at 10,000 tenants the records as read are never all in memory.
    public func forEachSubtreePage(
        of rootID: String, withOfferingItems: Bool, _ body: ([AcronisTenant]) async throws -> Void
    ) async throws {
        var query: [(name: String, value: String)] = [
            ("subtree_root_id", rootID), ("lod", "full"), ("limit", String(configuration.pageSize)),
        ]
        if withOfferingItems { query.append(("with_offering_items", "true")) }
        let root = rootID.lowercased()
        try await forEachPage(AcronisTenant.self, "\(Self.accountPath)/tenants", query: query, cursorOnly: true) { page in
            try await body(page.filter { $0.id.lowercased() != root })
        }
    }

    /// Creates a customer, partner or folder tenant (`POST /api/2/tenants`). Not retried once it
    /// may have reached the server: on ``APIError/Kind/outcomeUnknown`` or a 5xx, look the tenant up
    /// (by `customer_id` among the parent's children) before trying again.
    public func createTenant(_ tenant: AcronisTenantCreate) async throws -> AcronisTenant {
        try await sendJSON(
            "POST", "\(Self.accountPath)/tenants", body: tenant, idempotency: .notIdempotent,
            returning: AcronisTenant.self)
    }

    /// Updates a tenant with its current version (`PUT /api/2/tenants/{id}`); 409 on a stale version.
    public func updateTenant(id: String, _ update: AcronisTenantUpdate) async throws -> AcronisTenant {
        try await sendJSON(
            "PUT", "\(Self.accountPath)/tenants/\(Self.segment(id))", body: update, idempotency: .idempotent,
            returning: AcronisTenant.self)
    }

    /// Enables or disables (suspends) a tenant. Disabled customers keep their data and are still billed.
    public func setTenantEnabled(id: String, enabled: Bool, version: Int64) async throws -> AcronisTenant {
        try await updateTenant(id: id, AcronisTenantUpdate(version: version, enabled: enabled))
    }

    /// Deletes a disabled tenant (`DELETE /api/2/tenants/{id}?version=`). Deleting an enabled
    /// tenant fails with 400 / code 1006. Irreversible.
    public func deleteTenant(id: String, version: Int64) async throws {
        _ = try await send(
            "DELETE", "\(Self.accountPath)/tenants/\(Self.segment(id))", query: [("version", String(version))])
    }

    /// Disables the tenant if needed, re-reads its version, and deletes it.
    public func disableAndDeleteTenant(id: String) async throws {
        var current = try await tenant(id: id)
        if current.enabled != false {
            current = try await setTenantEnabled(id: id, enabled: false, version: current.version)
            current = try await tenant(id: id)
        }
        try await deleteTenant(id: id, version: current.version)
    }

    /// A tenant's pricing settings (`GET /api/2/tenants/{id}/pricing`).
    public func pricing(tenantID: String) async throws -> AcronisPricing {
        try await get(AcronisPricing.self, "\(Self.accountPath)/tenants/\(Self.segment(tenantID))/pricing")
    }

    /// Writes pricing settings back with their version (`PUT /api/2/tenants/{id}/pricing`).
    public func updatePricing(tenantID: String, _ pricing: AcronisPricing) async throws -> AcronisPricing {
        try await sendJSON(
            "PUT", "\(Self.accountPath)/tenants/\(Self.segment(tenantID))/pricing", body: pricing,
            idempotency: .idempotent, returning: AcronisPricing.self)
    }

    /// Sets the pricing mode, reading the current settings first; does nothing when the tenant is
    /// already in that mode. Trial → production is irreversible.
    @discardableResult
    public func setPricingMode(tenantID: String, to mode: AcronisPricing.Mode) async throws -> AcronisPricing {
        var current = try await pricing(tenantID: tenantID)
        guard current.mode != mode else { return current }
        current.mode = mode
        return try await updatePricing(tenantID: tenantID, current)
    }

    /// A tenant's 2FA status (`GET /api/2/tenants/{id}/mfa/status`).
    public func mfaStatus(tenantID: String) async throws -> AcronisMFAStatus {
        try await get(AcronisMFAStatus.self, "\(Self.accountPath)/tenants/\(Self.segment(tenantID))/mfa/status")
    }

    /// Turns 2FA on or off for every user of a tenant (`PUT /api/2/tenants/{id}/mfa/status`).
    public func setMFA(tenantID: String, enabled: Bool) async throws {
        struct Body: Encodable { var enabled: Bool }
        try await sendJSON(
            "PUT", "\(Self.accountPath)/tenants/\(Self.segment(tenantID))/mfa/status", body: Body(enabled: enabled),
            idempotency: .idempotent)
    }
}
