import Foundation

/// The last sign of life of one worker instance (SPEC S1).
public struct WorkerHeartbeat: Sendable, Equatable {
    public var worker: String
    public var instanceId: String
    /// The last tick slot the instance handled, if any.
    public var lastTickSlot: String?
    public var startedAt: Date
    public var lastSeenAt: Date

    init(row: StateRow) {
        worker = row["worker"]
        instanceId = row["instance_id"]
        lastTickSlot = row["last_tick_slot"]
        startedAt = row["started_at"]
        lastSeenAt = row["last_seen_at"]
    }
}
