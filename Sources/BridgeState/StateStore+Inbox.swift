import Foundation

extension StateStore {
    /// Claims a message for `worker` before it is handled, deduplicating by idempotency key.
    ///
    /// The claim is committed (IMMEDIATE, durable with `synchronous = FULL`) before this returns,
    /// so exactly one instance across all processes gets `.new` for a key at a time. A claim whose
    /// lease expired (its holder crashed) or that failed is retaken with `attempt + 1`.
    ///
    /// - Parameters:
    ///   - worker: The worker name (`ticket-updater`, …); keys are deduplicated per worker.
    ///   - messageId: The envelope's `messageId`, kept for display.
    ///   - idempotencyKey: The envelope's `idempotencyKey`; a redelivered or replayed message
    ///     carries the same key and is handled once.
    ///   - lease: How long the claim excludes others; ``Options/messageLease`` when `nil`.
    public func claimMessage(
        worker: String, messageId: String, idempotencyKey: String, lease: TimeInterval? = nil
    ) async throws -> InboxClaim {
        try Self.requireNonEmpty(worker, field: "worker")
        try Self.requireNonEmpty(idempotencyKey, field: "idempotencyKey")
        let now = self.now
        let leaseUntil = now.addingTimeInterval(lease ?? options.messageLease)
        let owner = options.instanceId
        return try await write { db in
            guard
                let row = try db.fetchOne(sql: "SELECT * FROM inbox WHERE worker = ? AND idempotency_key = ?",
                    arguments: [worker, idempotencyKey])
            else {
                try db.execute(
                    sql: """
                        INSERT INTO inbox (worker, idempotency_key, message_id, status, attempts, lease_owner,
                                           lease_until, first_seen_at, updated_at)
                        VALUES (?, ?, ?, 'in_progress', 1, ?, ?, ?, ?)
                        """,
                    arguments: [worker, idempotencyKey, messageId, owner, leaseUntil, now, now])
                return .new(attempt: 1, previousError: nil)
            }
            let entry = try InboxEntry(row: row)
            switch entry.status {
            case .done:
                return .alreadyDone(completedAt: entry.completedAt ?? entry.updatedAt)
            case .inProgress where entry.leaseUntil > now:
                return .inProgress(owner: entry.leaseOwner, leaseUntil: entry.leaseUntil)
            case .inProgress, .failed, .failedPermanent:
                try db.execute(
                    sql: """
                        UPDATE inbox SET status = 'in_progress', attempts = attempts + 1, message_id = ?,
                                         lease_owner = ?, lease_until = ?, updated_at = ?
                        WHERE worker = ? AND idempotency_key = ?
                        """,
                    arguments: [messageId, owner, leaseUntil, now, worker, idempotencyKey])
                return .new(attempt: entry.attempts + 1, previousError: entry.lastError)
            }
        }
    }

    /// Marks a claimed message handled. Later claims of its key return `.alreadyDone`.
    ///
    /// Completion is the truth whoever holds the lease: an instance whose lease was taken over
    /// may still complete (the work it did is done). Completing twice changes nothing.
    /// - Throws: ``StateStoreError/messageNotClaimed(worker:idempotencyKey:)``.
    public func completeMessage(worker: String, idempotencyKey: String) async throws {
        let now = self.now
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE inbox SET status = 'done', completed_at = ?, updated_at = ?, last_error = NULL
                    WHERE worker = ? AND idempotency_key = ? AND status <> 'done'
                    """,
                arguments: [now, now, worker, idempotencyKey])
            if db.changesCount == 0,
                try db.fetchOne(Bool.self, sql: "SELECT 1 FROM inbox WHERE worker = ? AND idempotency_key = ?",
                    arguments: [worker, idempotencyKey]) == nil
            {
                throw StateStoreError.messageNotClaimed(worker: worker, idempotencyKey: idempotencyKey)
            }
        }
    }

    /// Records that handling failed. `permanent` marks it dead-lettered; either way a later claim
    /// (a retry or a replay) may retake it.
    ///
    /// Applies only while this instance holds the claim: a done row stays done, and a claim that
    /// another instance took over after the lease expired is left to it.
    /// - Returns: whether the row was changed.
    /// - Throws: ``StateStoreError/messageNotClaimed(worker:idempotencyKey:)``.
    @discardableResult
    public func failMessage(worker: String, idempotencyKey: String, error: String, permanent: Bool) async throws -> Bool
    {
        let now = self.now
        let owner = options.instanceId
        let status = permanent ? InboxEntry.Status.failedPermanent : .failed
        return try await write { db in
            try db.execute(
                sql: """
                    UPDATE inbox SET status = ?, last_error = ?, updated_at = ?
                    WHERE worker = ? AND idempotency_key = ? AND status = 'in_progress' AND lease_owner = ?
                    """,
                arguments: [status.rawValue, error, now, worker, idempotencyKey, owner])
            if db.changesCount > 0 { return true }
            guard
                try db.fetchOne(Bool.self, sql: "SELECT 1 FROM inbox WHERE worker = ? AND idempotency_key = ?",
                    arguments: [worker, idempotencyKey]) != nil
            else {
                throw StateStoreError.messageNotClaimed(worker: worker, idempotencyKey: idempotencyKey)
            }
            return false
        }
    }

    /// Pushes this instance's lease on an in-progress message to `now + duration` (for long work).
    /// - Returns: `false` when this instance no longer holds the claim.
    @discardableResult
    public func extendMessageLease(
        worker: String, idempotencyKey: String, by duration: TimeInterval
    ) async throws -> Bool {
        let now = self.now
        let owner = options.instanceId
        return try await write { db in
            try db.execute(
                sql: """
                    UPDATE inbox SET lease_until = ?, updated_at = ?
                    WHERE worker = ? AND idempotency_key = ? AND status = 'in_progress' AND lease_owner = ?
                    """,
                arguments: [now.addingTimeInterval(duration), now, worker, idempotencyKey, owner])
            return db.changesCount > 0
        }
    }

    /// How many of `worker`'s inbox rows first seen at or after `since` are in each status.
    public func inboxCounts(worker: String, since: Date) async throws -> [InboxEntry.Status: Int] {
        try await read { db in
            var counts: [InboxEntry.Status: Int] = [:]
            let rows = try db.fetchAll(sql: "SELECT status, COUNT(*) AS n FROM inbox WHERE worker = ? AND first_seen_at >= ? GROUP BY status",
                arguments: [worker, since])
            for row in rows {
                if let status = InboxEntry.Status(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }

    /// The inbox row for a key, if any.
    public func inboxEntry(worker: String, idempotencyKey: String) async throws -> InboxEntry? {
        try await read { db in
            try db.fetchOne(sql: "SELECT * FROM inbox WHERE worker = ? AND idempotency_key = ?",
                arguments: [worker, idempotencyKey]
            ).map(InboxEntry.init)
        }
    }

    /// Deletes finished inbox rows (done, failed, failed permanently) last updated more than
    /// `retention` ago (default ``Options/inboxRetention``, 14 days). In-progress rows are kept.
    ///
    /// A message replayed after its row was pruned is handled again; its external writes are
    /// still deduplicated by the effects table, which this does not touch.
    /// - Returns: the number of rows deleted.
    @discardableResult
    public func pruneInbox(olderThan retention: TimeInterval? = nil) async throws -> Int {
        let cutoff = now.addingTimeInterval(-(retention ?? options.inboxRetention))
        return try await write { db in
            try db.execute(
                sql: "DELETE FROM inbox WHERE status <> 'in_progress' AND updated_at < ?", arguments: [cutoff])
            return db.changesCount
        }
    }

    static func requireNonEmpty(_ value: String, field: String) throws(StateStoreError) {
        guard !value.isEmpty else { throw .invalidArgument(field: field, reason: "must not be empty") }
    }
}
