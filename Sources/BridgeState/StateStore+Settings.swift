import Foundation

extension StateStore {
    /// Stores `document` as the new current settings, keeping every earlier version.
    ///
    /// Applying a document byte-identical to the current one adds no version and returns
    /// `changed == false`. Validation against the settings schema is the caller's job; the store
    /// checks only that the document is JSON.
    ///
    /// - Throws: ``StateStoreError/invalidJSON(field:)`` when `document` is not JSON.
    @discardableResult
    public func applySettings(_ document: Data, appliedBy: String? = nil) async throws -> SettingsApplyResult {
        let text = try JSONText.text(document, field: "settings document")
        let digest = Digest.sha256Hex(of: document)
        let now = self.now
        return try await write { db in
            if let row = try db.fetchOne(sql: "SELECT * FROM settings ORDER BY version DESC LIMIT 1"),
                row["digest"] == digest
            {
                return SettingsApplyResult(current: SettingsRecord(row: row), changed: false)
            }
            let row = try db.fetchOne(
                sql: "INSERT INTO settings (document, digest, applied_at, applied_by) VALUES (?, ?, ?, ?) RETURNING *",
                arguments: [text, digest, now, appliedBy])!
            return SettingsApplyResult(current: SettingsRecord(row: row), changed: true)
        }
    }

    /// The current settings, or `nil` before any were applied.
    public func currentSettings() async throws -> SettingsRecord? {
        try await read { db in
            try db.fetchOne(sql: "SELECT * FROM settings ORDER BY version DESC LIMIT 1").map(SettingsRecord.init)
        }
    }

    /// One settings version, or `nil` if there is no such version.
    public func settings(version: Int64) async throws -> SettingsRecord? {
        try await read { db in
            try db.fetchOne(sql: "SELECT * FROM settings WHERE version = ?", arguments: [version])
                .map(SettingsRecord.init)
        }
    }

    /// Applied settings, newest first.
    public func settingsHistory(limit: Int = 50) async throws -> [SettingsRecord] {
        try await read { db in
            try db.fetchAll(sql: "SELECT * FROM settings ORDER BY version DESC LIMIT ?", arguments: [limit])
                .map(SettingsRecord.init)
        }
    }
}
