import Foundation

/// Skip counters (SPEC T5): what created nothing and why, for `bridgectl status`.
extension StateStore {
    /// Adds `count` skips for `reason` and `alertType`.
    public func incrementSkipCounter(reason: SkipReason, alertType: String, by count: Int = 1) async throws {
        guard count > 0 else { throw StateStoreError.invalidArgument(field: "count", reason: "must be positive") }
        try Self.requireNonEmpty(reason.rawValue, field: "reason")
        let now = self.now
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO skip_counters (reason, alert_type, count, first_at, last_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (reason, alert_type) DO UPDATE SET count = skip_counters.count + excluded.count,
                                                                   last_at = excluded.last_at
                    """,
                arguments: [reason.rawValue, alertType, count, now, now])
        }
    }

    /// Every counter, by reason then alert type.
    public func skipCounters() async throws -> [SkipCounter] {
        try await read { db in
            try db.fetchAll(sql: "SELECT * FROM skip_counters ORDER BY reason, alert_type").map(SkipCounter.init)
        }
    }

    /// Total skips per reason.
    public func skipTotals() async throws -> [SkipReason: Int] {
        try await read { db in
            var totals: [SkipReason: Int] = [:]
            for row in try db.fetchAll(sql: "SELECT reason, sum(count) AS n FROM skip_counters GROUP BY reason") {
                totals[SkipReason(rawValue: row["reason"])] = row["n"]
            }
            return totals
        }
    }
}
