import Foundation

/// What ``StateStore/claimEffect(key:kind:target:lease:)`` found.
public enum EffectClaim: Sendable, Equatable {
    /// No earlier claim: make the external call, then `completeEffect` (or `failEffect`).
    case first
    /// An earlier claim did not complete (its holder crashed, failed, or its lease expired).
    /// The call may or may not have happened: look the target up by its external reference
    /// (for example the ticket's `externalXRef`/`externalID`) before calling again.
    /// `previousAttempts` counts the claims before this one.
    case reclaimed(previousAttempts: Int, externalRef: String?, partialResult: Data?, lastError: String?)
    /// Another instance holds the claim until `leaseUntil`: retry later, do not call.
    case inProgress(owner: String, leaseUntil: Date)
    /// The write was made and recorded: use the result, never call again.
    case completed(EffectOutcome)
}

/// The recorded result of a completed external write.
public struct EffectOutcome: Sendable, Equatable {
    /// The id the external system gave the object written (ticket id, adjustment id, …).
    public var externalRef: String?
    /// The response or a digest of it (JSON), as the caller chose to keep it.
    public var result: Data?
    public var completedAt: Date
}

/// One effect row: an external write, claimed before the call and completed after it.
public struct EffectRecord: Sendable, Equatable {
    /// Where the write stands.
    public enum Status: String, Sendable, CaseIterable {
        case inProgress = "in_progress"
        case completed
        case failed
    }

    /// The write's idempotency key.
    public var key: String
    /// What kind of write (`psa.ticket.create`, `autotask.adjustment`, …).
    public var kind: String
    /// What it writes to (`connectwise:company:42`, …).
    public var target: String
    public var status: Status
    /// Claims made so far (1 after the first claim).
    public var attempts: Int
    /// The instance that made the last claim.
    public var claimedBy: String
    public var leaseUntil: Date
    public var externalRef: String?
    /// What an attempt recorded before it finished (a recovery point), JSON.
    public var partialResult: Data?
    public var result: Data?
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var completedAt: Date?

    init(row: StateRow) throws {
        key = row["key"]
        kind = row["kind"]
        target = row["target"]
        status = try row.decode("status", in: "effects")
        attempts = row["attempts"]
        claimedBy = row["claimed_by"]
        leaseUntil = row["lease_until"]
        externalRef = row["external_ref"]
        partialResult = row.json("partial_result")
        result = row.json("result")
        lastError = row["last_error"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        completedAt = row["completed_at"]
    }
}
