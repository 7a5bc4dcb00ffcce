import Foundation

/// Worker heartbeats and last ticks (SPEC S1).
extension StateStore {
    /// Records that `worker` (this store's instance, unless `instanceId` is given) is alive, and
    /// the tick slot it last handled when `tickSlot` is given (a `nil` slot keeps the last one).
    public func recordHeartbeat(worker: String, tickSlot: String? = nil, instanceId: String? = nil) async throws {
        try Self.requireNonEmpty(worker, field: "worker")
        let instance = instanceId ?? options.instanceId
        let now = self.now
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO worker_heartbeats (worker, instance_id, last_tick_slot, started_at, last_seen_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (worker, instance_id) DO UPDATE SET
                        last_tick_slot = coalesce(excluded.last_tick_slot, worker_heartbeats.last_tick_slot),
                        last_seen_at = excluded.last_seen_at
                    """,
                arguments: [worker, instance, tickSlot, now, now])
        }
    }

    /// Every instance's heartbeat, by worker then most recent first.
    public func workerHeartbeats() async throws -> [WorkerHeartbeat] {
        try await read { db in
            try db.fetchAll(sql: "SELECT * FROM worker_heartbeats ORDER BY worker, last_seen_at DESC")
                .map(WorkerHeartbeat.init)
        }
    }

    /// Deletes heartbeats of instances not seen for `age` seconds (stopped instances).
    @discardableResult
    public func pruneHeartbeats(notSeenFor age: TimeInterval) async throws -> Int {
        let cutoff = now.addingTimeInterval(-age)
        return try await write { db in
            try db.execute(sql: "DELETE FROM worker_heartbeats WHERE last_seen_at < ?", arguments: [cutoff])
            return db.changesCount
        }
    }
}
