import BridgeValues
import Foundation

/// Deprovisioning clocks (SPEC P6). When to take each step is the rules' decision; this keeps
/// when the clock started and which steps were done.
extension StateStore {
    /// Starts the clock for `tenantId` now, unless it already runs (then it is returned as is).
    @discardableResult
    public func startDeprovisioningClock(
        tenantId: String, psa: PSAKind, companyId: String
    ) async throws
        -> DeprovisioningClock
    {
        try Self.requireNonEmpty(tenantId, field: "tenantId")
        let now = self.now
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO deprovisioning_clocks (tenant_id, psa, company_id, started_at, updated_at)
                    VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id) DO NOTHING
                    """,
                arguments: [tenantId, psa.rawValue, companyId, now, now])
            return try Self.fetchClock(db, tenantId: tenantId)!
        }
    }

    /// Stores the clock of `tenantId` as the rules left it: when it started and which steps were
    /// done when (the planner's `DeprovisioningState`, whose times come from the caller's clock).
    @discardableResult
    public func saveDeprovisioningClock(
        tenantId: String, psa: PSAKind, companyId: String, startedAt: Date, quotasZeroedAt: Date?, disabledAt: Date?,
        deletedAt: Date?
    ) async throws -> DeprovisioningClock {
        try Self.requireNonEmpty(tenantId, field: "tenantId")
        let now = self.now
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO deprovisioning_clocks
                        (tenant_id, psa, company_id, started_at, quotas_zeroed_at, disabled_at, deleted_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (tenant_id) DO UPDATE SET
                        psa = excluded.psa, company_id = excluded.company_id, started_at = excluded.started_at,
                        quotas_zeroed_at = excluded.quotas_zeroed_at, disabled_at = excluded.disabled_at,
                        deleted_at = excluded.deleted_at, updated_at = excluded.updated_at
                    """,
                arguments: [tenantId, psa.rawValue, companyId, startedAt, quotasZeroedAt, disabledAt, deletedAt, now])
            return try Self.fetchClock(db, tenantId: tenantId)!
        }
    }

    /// Records that `step` was done (the first time is kept).
    /// - Throws: ``StateStoreError/deprovisioningClockNotFound(tenantId:)``.
    @discardableResult
    public func recordDeprovisioningStep(
        _ step: DeprovisioningClock.Step, tenantId: String
    ) async throws
        -> DeprovisioningClock
    {
        let now = self.now
        let column = step.rawValue
        return try await write { db in
            try db.execute(
                sql: """
                    UPDATE deprovisioning_clocks SET \(column) = coalesce(\(column), ?), updated_at = ?
                    WHERE tenant_id = ?
                    """,
                arguments: [now, now, tenantId])
            guard let clock = try Self.fetchClock(db, tenantId: tenantId) else {
                throw StateStoreError.deprovisioningClockNotFound(tenantId: tenantId)
            }
            return clock
        }
    }

    /// Stops and resets the clock (a line came back). Returns the clock as it was, or `nil` if
    /// none ran; a `disabledAt` in it means the tenant must be enabled again.
    @discardableResult
    public func stopDeprovisioningClock(tenantId: String) async throws -> DeprovisioningClock? {
        try await write { db in
            guard let clock = try Self.fetchClock(db, tenantId: tenantId) else { return nil }
            try db.execute(sql: "DELETE FROM deprovisioning_clocks WHERE tenant_id = ?", arguments: [tenantId])
            return clock
        }
    }

    /// The clock of `tenantId`, if one runs.
    public func deprovisioningClock(tenantId: String) async throws -> DeprovisioningClock? {
        try await read { db in try Self.fetchClock(db, tenantId: tenantId) }
    }

    /// Every running clock, oldest first.
    public func deprovisioningClocks() async throws -> [DeprovisioningClock] {
        try await read { db in
            try db.fetchAll(sql: "SELECT * FROM deprovisioning_clocks ORDER BY started_at, tenant_id")
                .map(DeprovisioningClock.init)
        }
    }

    private static func fetchClock(_ db: StateTransaction, tenantId: String) throws -> DeprovisioningClock? {
        try db.fetchOne(sql: "SELECT * FROM deprovisioning_clocks WHERE tenant_id = ?", arguments: [tenantId])
            .map(DeprovisioningClock.init)
    }
}
