import Foundation

/// What ``StateStore/claimMessage(worker:messageId:idempotencyKey:lease:)`` found.
public enum InboxClaim: Sendable, Equatable {
    /// This instance now holds the message: do the work, then `completeMessage` or `failMessage`.
    /// `attempt` is 1 the first time; more when a failed or abandoned (lease expired) claim is
    /// retaken, with the last recorded error if there was one.
    case new(attempt: Int, previousError: String?)
    /// The message (or another with the same idempotency key) was handled already: ack, skip.
    case alreadyDone(completedAt: Date)
    /// Another claim holds the message until `leaseUntil`: requeue it with a delay.
    case inProgress(owner: String, leaseUntil: Date)
}

/// One inbox row: a message a worker handled or is handling, deduplicated by idempotency key.
public struct InboxEntry: Sendable, Equatable {
    /// Where the message stands.
    public enum Status: String, Sendable, CaseIterable {
        /// Claimed; the lease says until when.
        case inProgress = "in_progress"
        /// Handled; redeliveries and replays are skipped.
        case done
        /// The last attempt failed and may be retried.
        case failed
        /// The last attempt failed for good (dead-lettered); a replay may still retake it.
        case failedPermanent = "failed_permanent"
    }

    public var worker: String
    public var idempotencyKey: String
    /// The id of the message that last claimed the row.
    public var messageId: String
    public var status: Status
    public var attempts: Int
    public var leaseOwner: String
    public var leaseUntil: Date
    public var lastError: String?
    public var firstSeenAt: Date
    public var updatedAt: Date
    public var completedAt: Date?

    init(row: StateRow) throws {
        worker = row["worker"]
        idempotencyKey = row["idempotency_key"]
        messageId = row["message_id"]
        status = try row.decode("status", in: "inbox")
        attempts = row["attempts"]
        leaseOwner = row["lease_owner"]
        leaseUntil = row["lease_until"]
        lastError = row["last_error"]
        firstSeenAt = row["first_seen_at"]
        updatedAt = row["updated_at"]
        completedAt = row["completed_at"]
    }
}
