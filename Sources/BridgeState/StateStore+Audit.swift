import Foundation

/// The audit log of every external write. Rows can be appended and read, never changed or
/// deleted (triggers refuse UPDATE and DELETE).
extension StateStore {
    /// Appends one row. Prefer `completeEffect(…, audit:)` for a write made through an effect, so
    /// the row and the completion commit together.
    /// - Throws: ``StateStoreError/invalidArgument(field:reason:)`` for an empty required field,
    ///   ``StateStoreError/invalidJSON(field:)`` when `before`/`after` is not JSON.
    @discardableResult
    public func appendAudit(_ entry: AuditEntry) async throws -> AuditRecord {
        let row = try AuditRow(entry)
        let now = self.now
        return try await write { db in
            let id = try row.insert(db, at: now, effectKey: nil)
            return AuditRecord(row: try db.fetchOne(sql: "SELECT * FROM audit_log WHERE id = ?", arguments: [id])!)
        }
    }

    /// Audit rows, newest first, filtered by target and time (`from` inclusive, `to` exclusive).
    public func auditEntries(
        targetSystem: String? = nil, targetId: String? = nil, from: Date? = nil, to: Date? = nil, limit: Int = 100
    ) async throws -> [AuditRecord] {
        try await read { db in
            var conditions: [String] = []
            var arguments = StateArguments()
            if let targetSystem {
                conditions.append("target_system = ?")
                arguments += [targetSystem]
            }
            if let targetId {
                conditions.append("target_id = ?")
                arguments += [targetId]
            }
            if let from {
                conditions.append("at >= ?")
                arguments += [from]
            }
            if let to {
                conditions.append("at < ?")
                arguments += [to]
            }
            arguments += [limit]
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try db.fetchAll(sql: "SELECT * FROM audit_log \(filter) ORDER BY at DESC, id DESC LIMIT ?", arguments: arguments
            ).map(AuditRecord.init)
        }
    }

    /// Audit rows recorded in `from..<to`, oldest first (by time, then insertion order), one page
    /// at a time: the first page with `afterID` nil, each next one after the last row of the page
    /// before. A page shorter than `limit` is the last. Paging by position rather than offset, so
    /// rows appended while an export pages through the month never shift a page.
    /// - Throws: ``StateStoreError/invalidArgument(field:reason:)`` for a limit below 1.
    public func auditEntries(from: Date, to: Date, afterID: Int64?, limit: Int) async throws -> [AuditRecord] {
        guard limit >= 1 else { throw StateStoreError.invalidArgument(field: "limit", reason: "must be 1 or more") }
        return try await read { db in
            var sql = "SELECT * FROM audit_log WHERE at >= ? AND at < ?"
            var arguments: StateArguments = [from, to]
            if let afterID {
                guard let at = try db.fetchOne(Date.self, sql: "SELECT at FROM audit_log WHERE id = ?", arguments: [afterID]) else {
                    throw StateStoreError.invalidArgument(field: "afterID", reason: "no audit row \(afterID)")
                }
                sql += " AND (at > ? OR (at = ? AND id > ?))"
                arguments += [at, at, afterID]
            }
            sql += " ORDER BY at, id LIMIT ?"
            arguments += [limit]
            return try db.fetchAll(sql: sql, arguments: arguments).map(AuditRecord.init)
        }
    }
}
