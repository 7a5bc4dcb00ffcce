import Foundation

/// Tick slots (SPEC S2): a slot is processed once per worker, and published once, whatever the
/// number of schedulers, restarts or duplicate deliveries.
extension StateStore {
    /// Claims tick `slot` (the tick's id) for `worker`.
    /// - Returns: `true` only for the first claim of that (worker, slot) across all processes.
    public func claimTickSlot(worker: String, slot: String) async throws -> Bool {
        try Self.requireNonEmpty(worker, field: "worker")
        try Self.requireNonEmpty(slot, field: "slot")
        let now = self.now
        let owner = options.instanceId
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO tick_claims (worker, slot, claimed_by, claimed_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (worker, slot) DO NOTHING
                    """,
                arguments: [worker, slot, owner, now])
            return db.changesCount == 1
        }
    }

    /// Whether `worker` has already claimed tick `slot` (finished handling it).
    public func isTickSlotClaimed(worker: String, slot: String) async throws -> Bool {
        try await read { db in
            try db.fetchOne(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM tick_claims WHERE worker = ? AND slot = ?)", arguments: [worker, slot]) ?? false
        }
    }

    /// Deletes tick claims made more than `age` seconds ago (keep longer than any redelivery).
    @discardableResult
    public func pruneTickClaims(olderThan age: TimeInterval) async throws -> Int {
        let cutoff = now.addingTimeInterval(-age)
        return try await write { db in
            try db.execute(sql: "DELETE FROM tick_claims WHERE claimed_at < ?", arguments: [cutoff])
            return db.changesCount
        }
    }

    /// Claims the right to publish the tick of the slot starting at `slot`.
    ///
    /// Succeeds only when `slot` is later than the last slot published under `scheduler`, and
    /// then records it, so two schedulers publish each slot once and a scheduler that was down
    /// publishes the current slot once instead of every missed one.
    /// - Returns: whether the caller should publish.
    public func claimTickPublication(slot: Date, scheduler: String = "scheduler") async throws -> Bool {
        let now = self.now
        let owner = options.instanceId
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO tick_publications (scheduler, last_slot, published_by, published_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (scheduler) DO UPDATE SET last_slot = excluded.last_slot,
                        published_by = excluded.published_by, published_at = excluded.published_at
                    WHERE excluded.last_slot > tick_publications.last_slot
                    """,
                arguments: [scheduler, slot, owner, now])
            return db.changesCount == 1
        }
    }

    /// The last slot published under `scheduler`, if any.
    public func lastPublishedTick(scheduler: String = "scheduler") async throws -> PublishedTick? {
        try await read { db in
            try db.fetchOne(sql: "SELECT * FROM tick_publications WHERE scheduler = ?", arguments: [scheduler])
                .map(PublishedTick.init)
        }
    }
}
