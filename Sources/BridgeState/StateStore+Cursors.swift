import Foundation

/// Named cursors: `alerts` (the alert consumer's position in the cloud's alert list) and others.
extension StateStore {
    /// The cursor `name`, or `nil` if it was never set.
    public func cursor(_ name: String) async throws -> NamedCursor? {
        try await read { db in
            try db.fetchOne(sql: "SELECT * FROM cursors WHERE name = ?", arguments: [name]).map(NamedCursor.init)
        }
    }

    /// Sets the cursor `name` to `value`.
    public func setCursor(_ name: String, to value: String) async throws {
        try Self.requireNonEmpty(name, field: "cursor name")
        let now = self.now
        try await write { db in try Self.upsertCursor(db, name: name, value: value, at: now) }
    }

    /// Sets the cursor `name` to `value` only if its current value is `expected` (`nil`: only if
    /// it was never set), so two instances that read the same page cannot both move it.
    /// - Returns: whether the cursor was set.
    public func setCursor(_ name: String, to value: String, ifCurrentValueIs expected: String?) async throws -> Bool {
        try Self.requireNonEmpty(name, field: "cursor name")
        let now = self.now
        return try await write { db in
            let current = try db.fetchOne(String.self, sql: "SELECT value FROM cursors WHERE name = ?", arguments: [name])
            guard current == expected else { return false }
            try Self.upsertCursor(db, name: name, value: value, at: now)
            return true
        }
    }

    private static func upsertCursor(_ db: StateTransaction, name: String, value: String, at now: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO cursors (name, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """,
            arguments: [name, value, now])
    }

    /// All cursors by name.
    public func cursors() async throws -> [NamedCursor] {
        try await read { db in try db.fetchAll(sql: "SELECT * FROM cursors ORDER BY name").map(NamedCursor.init) }
    }
}
