import Foundation

/// One external write to record in the append-only audit log: what, before, after, why.
public struct AuditEntry: Sendable, Equatable {
    /// The worker that made the write.
    public var worker: String
    /// What was done (`ticket.create`, `quota.set`, `addition.quantity`, …).
    public var action: String
    /// The system written to (`connectwise`, `autotask`, `acronis`).
    public var targetSystem: String
    /// The id of the object written to, in that system.
    public var targetId: String
    /// The relevant state before the write (JSON), if known.
    public var before: Data?
    /// The state written (JSON), if any.
    public var after: Data?
    /// Why (the rule and the cause, for example `T2 recurrence of alert …`).
    public var reason: String
    /// The message being handled, if any.
    public var messageId: String?

    public init(
        worker: String, action: String, targetSystem: String, targetId: String, before: Data? = nil,
        after: Data? = nil, reason: String, messageId: String? = nil
    ) {
        self.worker = worker
        self.action = action
        self.targetSystem = targetSystem
        self.targetId = targetId
        self.before = before
        self.after = after
        self.reason = reason
        self.messageId = messageId
    }
}

/// An audit log row as stored.
public struct AuditRecord: Sendable, Equatable {
    /// Increasing with insertion order.
    public var id: Int64
    /// When it was recorded.
    public var at: Date
    /// The effect whose completion recorded it, if it was recorded by `completeEffect`.
    public var effectKey: String?
    public var entry: AuditEntry

    init(row: StateRow) {
        id = row["id"]
        at = row["at"]
        effectKey = row["effect_key"]
        entry = AuditEntry(
            worker: row["worker"], action: row["action"], targetSystem: row["target_system"],
            targetId: row["target_id"], before: row.json("before"), after: row.json("after"),
            reason: row["reason"], messageId: row["message_id"])
    }
}

/// An ``AuditEntry`` checked and converted for insertion.
struct AuditRow: Sendable {
    let entry: AuditEntry
    let before: String?
    let after: String?

    init(_ entry: AuditEntry) throws(StateStoreError) {
        for (field, value) in [
            ("audit worker", entry.worker), ("audit action", entry.action),
            ("audit target system", entry.targetSystem), ("audit target id", entry.targetId),
        ] where value.isEmpty {
            throw .invalidArgument(field: field, reason: "must not be empty")
        }
        self.entry = entry
        before = try JSONText.text(entry.before, field: "audit before")
        after = try JSONText.text(entry.after, field: "audit after")
    }

    /// Inserts the row and returns its id.
    @discardableResult
    func insert(_ db: StateTransaction, at: Date, effectKey: String?) throws -> Int64 {
        try db.fetchOne(
            Int64.self,
            sql: """
                INSERT INTO audit_log (at, worker, action, target_system, target_id, before, after, reason,
                                       message_id, effect_key)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING id
                """,
            arguments: [
                at, entry.worker, entry.action, entry.targetSystem, entry.targetId, before, after, entry.reason,
                entry.messageId, effectKey,
            ])!
    }
}
