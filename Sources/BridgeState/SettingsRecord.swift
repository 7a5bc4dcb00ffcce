import Foundation

/// One applied settings document. The highest version is the current settings.
public struct SettingsRecord: Sendable, Equatable {
    /// 1 for the first document applied, then one more per change.
    public var version: Int64
    /// The document as applied (JSON; secret *references* only, never secret values).
    public var document: Data
    /// Lowercase hex SHA-256 of `document`.
    public var digest: String
    /// When it was applied.
    public var appliedAt: Date
    /// Who applied it (an operator or tool name), if known.
    public var appliedBy: String?

    init(row: StateRow) {
        version = row["version"]
        document = row.json("document") ?? Data()
        digest = row["digest"]
        appliedAt = row["applied_at"]
        appliedBy = row["applied_by"]
    }
}

/// The outcome of ``StateStore/applySettings(_:appliedBy:)``.
public struct SettingsApplyResult: Sendable, Equatable {
    /// The current settings after the call.
    public var current: SettingsRecord
    /// `false` when the document was identical (same digest) to the current one: no new version.
    public var changed: Bool
}
