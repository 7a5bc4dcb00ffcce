import BridgeValues
import Foundation

/// Usage reports (SPEC B8): what was last written to each PSA line, so the same quantity is not
/// written twice and an Autotask adjustment is computed from the last written value.
extension StateStore {
    /// The last write to `lineId` for `period`, if any.
    public func usageReport(psa: PSAKind, lineId: String, period: String) async throws -> UsageReport? {
        try await read { db in
            try db.fetchOne(sql: "SELECT * FROM usage_reports WHERE psa = ? AND line_id = ? AND period = ?",
                arguments: [psa.rawValue, lineId, period]
            ).map(UsageReport.init)
        }
    }

    /// Records that `quantity` was written to `lineId` for `period` (replacing the last record).
    @discardableResult
    public func recordUsageWritten(
        psa: PSAKind, lineId: String, period: String, quantity: Decimal, adjustmentEffectKey: String? = nil
    ) async throws -> UsageReport {
        try Self.requireNonEmpty(lineId, field: "lineId")
        try Self.requireNonEmpty(period, field: "period")
        guard quantity.isFinite else {
            throw StateStoreError.invalidArgument(field: "quantity", reason: "must be a finite number")
        }
        let now = self.now
        let text = quantity.description
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO usage_reports (psa, line_id, period, quantity, adjustment_effect_key, written_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (psa, line_id, period) DO UPDATE SET quantity = excluded.quantity,
                        adjustment_effect_key = excluded.adjustment_effect_key, written_at = excluded.written_at
                    """,
                arguments: [psa.rawValue, lineId, period, text, adjustmentEffectKey, now])
            return try UsageReport(
                row: try db.fetchOne(sql: "SELECT * FROM usage_reports WHERE psa = ? AND line_id = ? AND period = ?",
                    arguments: [psa.rawValue, lineId, period])!)
        }
    }

    /// Every period recorded for a line, newest period first.
    public func usageReports(psa: PSAKind, lineId: String) async throws -> [UsageReport] {
        try await read { db in
            try db.fetchAll(sql: "SELECT * FROM usage_reports WHERE psa = ? AND line_id = ? ORDER BY period DESC",
                arguments: [psa.rawValue, lineId]
            ).map(UsageReport.init)
        }
    }
}
