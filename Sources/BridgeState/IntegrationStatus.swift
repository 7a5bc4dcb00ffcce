import Foundation

/// The integration's health as `bridgectl status` shows it (SPEC S1).
public struct IntegrationStatus: Sendable, Equatable {
    /// OK or in error.
    public enum State: String, Sendable, CaseIterable {
        case ok
        case error
    }

    /// What the status is about (`integration` by default; `psa`, `cloud`, … if split).
    public var component: String
    public var state: State
    /// The error, when in error.
    public var message: String?
    /// Since when the component has been in this state.
    public var since: Date
    public var updatedAt: Date

    init(row: StateRow) throws {
        component = row["component"]
        state = try row.decode("status", in: "integration_status")
        message = row["message"]
        since = row["since"]
        updatedAt = row["updated_at"]
    }
}
