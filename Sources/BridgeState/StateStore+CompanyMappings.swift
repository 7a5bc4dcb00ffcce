import BridgeValues
import Foundation

/// Company mappings (SPEC P5, P7). The store keeps rows consistent (a mapped row has a tenant, a
/// tenant belongs to at most one company); which transition to make is the rules' decision.
extension StateStore {
    /// Records a PSA company seen in a sync: adds it as not mapped if new, refreshes its display
    /// name and (when given) its type names, and brings a company-missing row back (to mapped if
    /// it still has a tenant).
    @discardableResult
    public func recordCompany(psa: PSAKind, companyId: String, name: String?, types: [String]? = nil) async throws
        -> CompanyMapping
    {
        try Self.requireNonEmpty(companyId, field: "companyId")
        let now = self.now
        let typesText = try types.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO company_mappings (psa, company_id, status, company_name, company_types, created_at, updated_at)
                    VALUES (?, ?, 'not-mapped', ?, ?, ?, ?)
                    ON CONFLICT (psa, company_id) DO UPDATE SET
                        company_name = coalesce(excluded.company_name, company_mappings.company_name),
                        company_types = coalesce(excluded.company_types, company_mappings.company_types),
                        status = CASE WHEN company_mappings.status = 'company-missing'
                                      THEN (CASE WHEN company_mappings.tenant_id IS NULL THEN 'not-mapped' ELSE 'mapped' END)
                                      ELSE company_mappings.status END,
                        error = CASE WHEN company_mappings.status = 'company-missing' THEN NULL ELSE company_mappings.error END,
                        updated_at = excluded.updated_at
                    """,
                arguments: [psa.rawValue, companyId, name, typesText, now, now])
            return try Self.fetchMapping(db, psa: psa, companyId: companyId)!
        }
    }

    /// Queues a mapping (status ready-for-mapping): to `tenantId`, or to a new tenant when `nil`.
    /// - Throws: ``StateStoreError/tenantAlreadyMapped(tenantId:psa:companyId:)``.
    @discardableResult
    public func requestMapping(
        psa: PSAKind, companyId: String, tenantId: String?, companyName: String? = nil
    )
        async throws -> CompanyMapping
    {
        try Self.requireNonEmpty(companyId, field: "companyId")
        let now = self.now
        return try await write { db in
            if let tenantId { try Self.requireTenantFree(db, tenantId: tenantId, psa: psa, companyId: companyId) }
            try db.execute(
                sql: """
                    INSERT INTO company_mappings (psa, company_id, tenant_id, status, company_name, created_at,
                                                  updated_at)
                    VALUES (?, ?, ?, 'ready-for-mapping', ?, ?, ?)
                    ON CONFLICT (psa, company_id) DO UPDATE SET
                        tenant_id = excluded.tenant_id, status = 'ready-for-mapping', error = NULL,
                        tenant_name = CASE WHEN company_mappings.tenant_id IS NOT DISTINCT FROM excluded.tenant_id
                                           THEN company_mappings.tenant_name END,
                        company_name = coalesce(excluded.company_name, company_mappings.company_name),
                        updated_at = excluded.updated_at
                    """,
                arguments: [psa.rawValue, companyId, tenantId, companyName, now, now])
            return try Self.fetchMapping(db, psa: psa, companyId: companyId)!
        }
    }

    /// Links the company to `tenantId` (status mapped), creating the row if needed (SPEC P4).
    /// - Throws: ``StateStoreError/tenantAlreadyMapped(tenantId:psa:companyId:)``.
    @discardableResult
    public func markMapped(
        psa: PSAKind, companyId: String, tenantId: String, tenantName: String?
    ) async throws
        -> CompanyMapping
    {
        try Self.requireNonEmpty(companyId, field: "companyId")
        try Self.requireNonEmpty(tenantId, field: "tenantId")
        let now = self.now
        return try await write { db in
            try Self.requireTenantFree(db, tenantId: tenantId, psa: psa, companyId: companyId)
            try db.execute(
                sql: """
                    INSERT INTO company_mappings (psa, company_id, tenant_id, status, tenant_name, created_at,
                                                  updated_at)
                    VALUES (?, ?, ?, 'mapped', ?, ?, ?)
                    ON CONFLICT (psa, company_id) DO UPDATE SET
                        tenant_id = excluded.tenant_id, status = 'mapped', error = NULL,
                        tenant_name = coalesce(excluded.tenant_name,
                                               CASE WHEN company_mappings.tenant_id IS NOT DISTINCT FROM excluded.tenant_id
                                                    THEN company_mappings.tenant_name END),
                        updated_at = excluded.updated_at
                    """,
                arguments: [psa.rawValue, companyId, tenantId, tenantName, now, now])
            return try Self.fetchMapping(db, psa: psa, companyId: companyId)!
        }
    }

    /// Removes the mapping (status not mapped, no tenant). Changes no quota (SPEC P5).
    /// - Throws: ``StateStoreError/mappingNotFound(psa:companyId:)``.
    @discardableResult
    public func unmap(psa: PSAKind, companyId: String) async throws -> CompanyMapping {
        try await updateMapping(
            psa: psa, companyId: companyId,
            set: "status = 'not-mapped', tenant_id = NULL, tenant_name = NULL, error = NULL", arguments: [])
    }

    /// Records that mapping failed, with the reason (status mapping-failed; the tenant id asked
    /// for is kept for display).
    /// - Throws: ``StateStoreError/mappingNotFound(psa:companyId:)``.
    @discardableResult
    public func markMappingFailed(psa: PSAKind, companyId: String, error: String) async throws -> CompanyMapping {
        try await updateMapping(
            psa: psa, companyId: companyId, set: "status = 'mapping-failed', error = ?", arguments: [error])
    }

    /// Records that the PSA company disappeared (status company-missing; the tenant id is kept).
    /// - Throws: ``StateStoreError/mappingNotFound(psa:companyId:)``.
    @discardableResult
    public func markCompanyMissing(
        psa: PSAKind, companyId: String, reason: String? = nil
    ) async throws
        -> CompanyMapping
    {
        try await updateMapping(
            psa: psa, companyId: companyId, set: "status = 'company-missing', error = ?", arguments: [reason])
    }

    /// Records that a tenant disappeared: the company holding it goes to tenant-missing.
    /// - Returns: the updated mapping, or `nil` if no company holds the tenant.
    @discardableResult
    public func markTenantMissing(tenantId: String, reason: String? = nil) async throws -> CompanyMapping? {
        let now = self.now
        return try await write { db in
            guard let mapping = try Self.fetchHolder(db, tenantId: tenantId) else { return nil }
            try db.execute(
                sql: """
                    UPDATE company_mappings SET status = 'tenant-missing', error = ?, updated_at = ?
                    WHERE psa = ? AND company_id = ?
                    """,
                arguments: [reason, now, mapping.psa.rawValue, mapping.companyId])
            return try Self.fetchMapping(db, psa: mapping.psa, companyId: mapping.companyId)
        }
    }

    /// Refreshes the cached display name of a tenant (a rename; nothing else changes).
    /// - Returns: how many rows changed (0 or 1).
    @discardableResult
    public func recordTenantName(tenantId: String, name: String) async throws -> Int {
        let now = self.now
        return try await write { db in
            try db.execute(
                sql: "UPDATE company_mappings SET tenant_name = ?, updated_at = ? WHERE tenant_id = ?",
                arguments: [name, now, tenantId])
            return db.changesCount
        }
    }

    /// Records (or, with `nil`, clears) the last sync failure for a company (SPEC P7). The
    /// status is left as it is.
    /// - Throws: ``StateStoreError/mappingNotFound(psa:companyId:)``.
    @discardableResult
    public func recordCompanySyncError(psa: PSAKind, companyId: String, error: String?) async throws -> CompanyMapping {
        let at: Date? = error == nil ? nil : now
        return try await updateMapping(
            psa: psa, companyId: companyId, set: "sync_error = ?, sync_error_at = ?", arguments: [error, at])
    }

    /// Records (or, with nil, clears) billing's last failure for a company (P7); the mapping's
    /// status and the provisioner's sync error are left as they are.
    /// - Throws: ``StateStoreError/mappingNotFound(psa:companyId:)``.
    @discardableResult
    public func recordCompanyBillingError(psa: PSAKind, companyId: String, error: String?) async throws -> CompanyMapping {
        let at: Date? = error == nil ? nil : now
        return try await updateMapping(
            psa: psa, companyId: companyId, set: "billing_error = ?, billing_error_at = ?", arguments: [error, at])
    }

    /// The mapping of a PSA company.
    public func companyMapping(psa: PSAKind, companyId: String) async throws -> CompanyMapping? {
        try await read { db in try Self.fetchMapping(db, psa: psa, companyId: companyId) }
    }

    /// The mappings of the PSA companies `companyIds` (those that have one), for a tick that
    /// reads its companies a batch at a time rather than every mapping at once.
    public func companyMappings(psa: PSAKind, companyIds: some Collection<String>) async throws -> [CompanyMapping] {
        guard !companyIds.isEmpty else { return [] }
        let ids = Array(companyIds)
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let arguments = StateArguments([.text(psa.rawValue)] + ids.map { .text($0) })
        return try await read { db in
            try db.fetchAll(sql: "SELECT * FROM company_mappings WHERE psa = ? AND company_id IN (\(placeholders))", arguments: arguments)
                .map(CompanyMapping.init)
        }
    }

    /// A PSA's mappings in `status` with a company id after `after` (nil: from the first), in
    /// company id order, at most `limit`: a tick pages through every mapping by passing the last
    /// id of each page, so it never holds them all, and a mapping made or removed meanwhile
    /// shifts no page.
    public func companyMappings(
        psa: PSAKind, status: CompanyMapping.Status, after: String?, limit: Int
    ) async throws -> [CompanyMapping] {
        guard limit >= 1 else { throw StateStoreError.invalidArgument(field: "limit", reason: "must be at least 1") }
        return try await read { db in
            try db.fetchAll(sql: """
                    SELECT * FROM company_mappings
                    WHERE psa = ?1 AND status = ?2 AND (?3 IS NULL OR company_id > ?3)
                    ORDER BY company_id LIMIT ?4
                    """,
                arguments: [psa.rawValue, status.rawValue, after, limit]
            ).map(CompanyMapping.init)
        }
    }

    /// The company that holds `tenantId` (queued, mapped or with one side missing), if any.
    public func companyMapping(tenantId: String) async throws -> CompanyMapping? {
        try await read { db in try Self.fetchHolder(db, tenantId: tenantId) }
    }

    /// Mappings ordered by PSA and company id, optionally filtered.
    public func companyMappings(
        psa: PSAKind? = nil, status: CompanyMapping.Status? = nil
    ) async throws
        -> [CompanyMapping]
    {
        try await read { db in
            try db.fetchAll(sql: """
                    SELECT * FROM company_mappings
                    WHERE (?1 IS NULL OR psa = ?1) AND (?2 IS NULL OR status = ?2)
                    ORDER BY psa, company_id
                    """,
                arguments: [psa?.rawValue, status?.rawValue]
            ).map(CompanyMapping.init)
        }
    }

    /// One page of a PSA's companies as the store knows them (every company a provisioner tick
    /// has read, and every mapping), by numeric company id: those whose company or tenant name
    /// contains `nameContains` (case-insensitive for ASCII) and, if given, in `status` and of
    /// company type `type` (case-insensitive). Returns the page and how many match in all.
    public func companyMappingPage(
        psa: PSAKind, nameContains: String? = nil, status: CompanyMapping.Status? = nil, type: String? = nil, offset: Int,
        limit: Int
    ) async throws -> (mappings: [CompanyMapping], total: Int) {
        guard offset >= 0, limit >= 1 else {
            throw StateStoreError.invalidArgument(field: "page", reason: "offset must be 0 or more and limit 1 or more")
        }
        let pattern = nameContains.flatMap { $0.isEmpty ? nil : "%" + Self.escapeLike($0) + "%" }
        let typeName = type.flatMap { $0.isEmpty ? nil : $0 }
        // ?4 and ?5 are the page's limit and offset; the count leaves them unset.
        let arguments: StateArguments = [psa.rawValue, status?.rawValue, pattern, nil, nil, typeName]
        return try await read { db in
            let filter = Self.pageFilter(db.dialect)
            let numericId = Self.numericCompanyId(db.dialect)
            let total = try db.fetchOne(Int.self, sql: "SELECT count(*) FROM company_mappings \(filter)", arguments: arguments) ?? 0
            let rows = try db.fetchAll(
                sql: "SELECT * FROM company_mappings \(filter) ORDER BY \(numericId), company_id LIMIT ?4 OFFSET ?5",
                arguments: [psa.rawValue, status?.rawValue, pattern, limit, offset, typeName]
            ).map(CompanyMapping.init)
            return (rows, total)
        }
    }

    /// The company type names the PSA's companies carry, as last read, sorted.
    public func companyTypeNames(psa: PSAKind) async throws -> [String] {
        try await read { db in
            try db.fetchAll(String.self, sql: Self.typeNamesSQL(db.dialect),
                arguments: [psa.rawValue])
        }
    }

    /// A page's filter: ?1 PSA, ?2 status, ?3 name pattern (case-insensitive for ASCII, as SQLite's
    /// LIKE), ?6 company type name (case-insensitive), each ignored when NULL.
    private static func pageFilter(_ dialect: StateDialect) -> String {
        switch dialect {
        case .sqlite:
            """
            WHERE psa = ?1 AND (?2 IS NULL OR status = ?2)
              AND (?3 IS NULL OR company_name LIKE ?3 ESCAPE '\\' OR tenant_name LIKE ?3 ESCAPE '\\')
              AND (?6 IS NULL OR EXISTS (SELECT 1 FROM json_each(company_types) WHERE lower(value) = lower(?6)))
            """
        case .postgres:
            """
            WHERE psa = ?1 AND (?2 IS NULL OR status = ?2)
              AND (?3 IS NULL OR company_name ILIKE ?3 ESCAPE '\\' OR tenant_name ILIKE ?3 ESCAPE '\\')
              AND (?6 IS NULL OR EXISTS (
                  SELECT 1 FROM json_array_elements_text(CAST(company_types AS json)) AS types (value)
                  WHERE lower(types.value) = lower(?6)))
            """
        }
    }

    /// The company id as a number for ordering (ids are numeric on both PSAs; anything else sorts as 0).
    private static func numericCompanyId(_ dialect: StateDialect) -> String {
        switch dialect {
        case .sqlite: "CAST(company_id AS INTEGER)"
        case .postgres: "(CASE WHEN company_id ~ '^[0-9]{1,18}$' THEN CAST(company_id AS BIGINT) ELSE 0 END)"
        }
    }

    private static func typeNamesSQL(_ dialect: StateDialect) -> String {
        switch dialect {
        case .sqlite:
            """
            SELECT DISTINCT value FROM company_mappings, json_each(company_mappings.company_types)
            WHERE psa = ? AND company_types IS NOT NULL ORDER BY value
            """
        case .postgres:
            """
            SELECT DISTINCT types.value FROM company_mappings,
                json_array_elements_text(CAST(company_mappings.company_types AS json)) AS types (value)
            WHERE psa = ? AND company_types IS NOT NULL ORDER BY types.value
            """
        }
    }

    /// `text` with LIKE's wildcards and the escape character escaped (escape `\`).
    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// How many companies are in each status (for `bridgectl status`: accounts total and linked).
    public func companyMappingCounts() async throws -> [CompanyMapping.Status: Int] {
        try await read { db in
            var counts: [CompanyMapping.Status: Int] = [:]
            for row in try db.fetchAll(sql: "SELECT status, count(*) AS n FROM company_mappings GROUP BY status") {
                counts[try row.decode("status", in: "company_mappings")] = row["n"]
            }
            return counts
        }
    }

    // MARK: - Helpers

    private func updateMapping(
        psa: PSAKind, companyId: String, set assignments: String, arguments: StateArguments
    )
        async throws -> CompanyMapping
    {
        let now = self.now
        return try await write { db in
            try db.execute(
                sql: "UPDATE company_mappings SET \(assignments), updated_at = ? WHERE psa = ? AND company_id = ?",
                arguments: arguments + [now, psa.rawValue, companyId])
            guard let mapping = try Self.fetchMapping(db, psa: psa, companyId: companyId) else {
                throw StateStoreError.mappingNotFound(psa: psa, companyId: companyId)
            }
            return mapping
        }
    }

    private static func fetchMapping(_ db: StateTransaction, psa: PSAKind, companyId: String) throws -> CompanyMapping? {
        try db.fetchOne(sql: "SELECT * FROM company_mappings WHERE psa = ? AND company_id = ?",
            arguments: [psa.rawValue, companyId]
        ).map(CompanyMapping.init)
    }

    private static let holdingTenantSQL = CompanyMapping.Status.holdingTenant.map { "'\($0.rawValue)'" }
        .joined(separator: ", ")

    private static func fetchHolder(_ db: StateTransaction, tenantId: String) throws -> CompanyMapping? {
        try db.fetchOne(sql: "SELECT * FROM company_mappings WHERE tenant_id = ? AND status IN (\(holdingTenantSQL))",
            arguments: [tenantId]
        ).map(CompanyMapping.init)
    }

    private static func requireTenantFree(_ db: StateTransaction, tenantId: String, psa: PSAKind, companyId: String) throws {
        if let holder = try fetchHolder(db, tenantId: tenantId), holder.psa != psa || holder.companyId != companyId {
            throw StateStoreError.tenantAlreadyMapped(tenantId: tenantId, psa: holder.psa, companyId: holder.companyId)
        }
    }
}
