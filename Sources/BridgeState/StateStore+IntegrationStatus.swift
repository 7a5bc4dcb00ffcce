import Foundation

/// Integration status (SPEC S1): OK, or the error and since when.
extension StateStore {
    /// Records the current state of `component`. `since` moves only when the state changes, so
    /// an error that persists (even with a new message) keeps the time it began.
    @discardableResult
    public func recordIntegrationStatus(
        _ state: IntegrationStatus.State, message: String? = nil, component: String = "integration"
    ) async throws -> IntegrationStatus {
        try Self.requireNonEmpty(component, field: "component")
        let now = self.now
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO integration_status (component, status, message, since, updated_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (component) DO UPDATE SET
                        since = CASE WHEN integration_status.status = excluded.status THEN integration_status.since ELSE excluded.since END,
                        status = excluded.status, message = excluded.message, updated_at = excluded.updated_at
                    """,
                arguments: [component, state.rawValue, message, now, now])
            return try IntegrationStatus(
                row: try db.fetchOne(sql: "SELECT * FROM integration_status WHERE component = ?", arguments: [component])!)
        }
    }

    /// The status of `component`, or `nil` if never recorded.
    public func integrationStatus(component: String = "integration") async throws -> IntegrationStatus? {
        try await read { db in
            try db.fetchOne(sql: "SELECT * FROM integration_status WHERE component = ?", arguments: [component])
                .map(IntegrationStatus.init)
        }
    }

    /// Every component's status, by component.
    public func integrationStatuses() async throws -> [IntegrationStatus] {
        try await read { db in
            try db.fetchAll(sql: "SELECT * FROM integration_status ORDER BY component").map(IntegrationStatus.init)
        }
    }
}
