import Foundation

extension StateStore {
    /// Puts a message aside for `delay` seconds (by the store's clock) before it goes back to
    /// `queue`. A message already deferred for the same queue and message id is replaced (the
    /// later attempt's headers, body and due time win), so it goes back to its queue once.
    ///
    /// - Parameters:
    ///   - headers: The AMQP headers to publish it with, a JSON object.
    ///   - body: The message body, JSON.
    ///   - deferredBy: Who defers it (`worker@instance`), for display.
    /// - Returns: the row as stored.
    /// - Throws: ``StateStoreError/invalidJSON(field:)`` when the headers or body are not JSON.
    @discardableResult
    public func deferMessage(
        queue: String, messageId: String, headers: Data, body: Data, delay: TimeInterval, deferredBy: String
    ) async throws -> DeferredMessage {
        let now = self.now
        let message = DeferredMessage(
            queue: queue, messageId: messageId, headers: headers, body: body, dueAt: now.addingTimeInterval(delay),
            deferredBy: deferredBy, deferredAt: now)
        try Self.requireNonEmpty(message.queue, field: "queue")
        try Self.requireNonEmpty(message.messageId, field: "messageId")
        let headersText = try JSONText.text(message.headers, field: "headers")
        let bodyText = try JSONText.text(message.body, field: "body")
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO deferred_messages (queue, message_id, headers, body, due_at, deferred_by, deferred_at,
                                                   lease_owner, lease_until)
                    VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL)
                    ON CONFLICT (queue, message_id) DO UPDATE SET
                        headers = excluded.headers, body = excluded.body, due_at = excluded.due_at,
                        deferred_by = excluded.deferred_by, deferred_at = excluded.deferred_at,
                        lease_owner = NULL, lease_until = NULL
                    """,
                arguments: [
                    message.queue, message.messageId, headersText, bodyText, message.dueAt, message.deferredBy,
                    message.deferredAt,
                ])
        }
        return message
    }

    /// Takes up to `limit` messages of `queues` that are due and that no other relay holds, for
    /// `lease` seconds. Publish them, then ``releaseDeferredMessages(_:)``; a relay that dies
    /// before releasing them lets its lease lapse, and another relay publishes them again (the
    /// inbox drops the second copy).
    public func claimDueDeferredMessages(queues: [String], limit: Int = 100, lease: TimeInterval = 30) async throws
        -> [DeferredMessage]
    {
        guard !queues.isEmpty, limit > 0 else { return [] }
        let now = self.now
        let leaseUntil = now.addingTimeInterval(lease)
        let owner = options.instanceId
        let marks = Array(repeating: "?", count: queues.count).joined(separator: ", ")
        return try await write { db in
            let rows = try db.fetchAll(
                sql: """
                    SELECT * FROM deferred_messages
                    WHERE queue IN (\(marks)) AND due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
                    ORDER BY due_at, queue, message_id
                    LIMIT ?
                    """,
                arguments: StateArguments(queues.map { StateValue.text($0) }) + [now, now, limit])
            let messages = rows.map(DeferredMessage.init(row:))
            for message in messages {
                try db.execute(
                    sql: "UPDATE deferred_messages SET lease_owner = ?, lease_until = ? WHERE queue = ? AND message_id = ?",
                    arguments: [owner, leaseUntil, message.queue, message.messageId])
            }
            return messages
        }
    }

    /// Forgets messages that were published back to their queues. A message deferred again
    /// since it was claimed (a newer due time) is kept.
    public func releaseDeferredMessages(_ messages: [DeferredMessage]) async throws {
        guard !messages.isEmpty else { return }
        try await write { db in
            for message in messages {
                try db.execute(
                    sql: "DELETE FROM deferred_messages WHERE queue = ? AND message_id = ? AND due_at = ?",
                    arguments: [message.queue, message.messageId, message.dueAt])
            }
        }
    }

    /// How long until the first message of `queues` is due by the store's clock (zero or less:
    /// due now), or nil when none is deferred.
    public func nextDeferredDue(queues: [String]) async throws -> TimeInterval? {
        guard !queues.isEmpty else { return nil }
        let marks = Array(repeating: "?", count: queues.count).joined(separator: ", ")
        let first = try await read { db in
            try db.fetchOne(Date.self, sql: "SELECT MIN(due_at) FROM deferred_messages WHERE queue IN (\(marks))",
                arguments: StateArguments(queues.map { StateValue.text($0) }))
        }
        return first.map { $0.timeIntervalSince(now) }
    }

    /// The deferred messages of `queue` (every queue when nil), soonest due first.
    public func deferredMessages(queue: String? = nil, limit: Int = 1_000) async throws -> [DeferredMessage] {
        try await read { db in
            try db.fetchAll(
                sql: """
                    SELECT * FROM deferred_messages WHERE (? IS NULL OR queue = ?)
                    ORDER BY due_at, queue, message_id LIMIT ?
                    """,
                arguments: [queue, queue, limit]
            ).map(DeferredMessage.init(row:))
        }
    }

    /// How many messages are deferred, per queue.
    public func deferredCounts() async throws -> [String: Int] {
        try await read { db in
            var counts: [String: Int] = [:]
            for row in try db.fetchAll(sql: "SELECT queue, COUNT(*) AS n FROM deferred_messages GROUP BY queue") {
                counts[row["queue"]] = row["n"]
            }
            return counts
        }
    }
}
