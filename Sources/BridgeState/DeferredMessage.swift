import Foundation

/// A message a worker put aside to be handled again later: a retry after a transient failure,
/// or a message another instance holds. Kept in the state, not in a broker delay queue, so a
/// broker restart cannot drop it; each worker's relay takes it when due
/// (``StateStore/claimDueDeferredMessages(queues:limit:lease:)``) and publishes it back to its queue.
public struct DeferredMessage: Sendable, Equatable {
    /// The work queue it goes back to.
    public var queue: String
    /// The envelope's `messageId`; with `queue`, the row's key, so a message deferred twice (a
    /// duplicate delivery, a republish after a crash) is kept once.
    public var messageId: String
    /// The AMQP headers to publish it with, as a JSON object.
    public var headers: Data
    /// The message body (the envelope's JSON, as published).
    public var body: Data
    /// When it is due to go back to `queue`.
    public var dueAt: Date
    /// Who deferred it (`worker@instance`), for display.
    public var deferredBy: String
    /// When it was deferred.
    public var deferredAt: Date

    init(queue: String, messageId: String, headers: Data, body: Data, dueAt: Date, deferredBy: String, deferredAt: Date) {
        self.queue = queue
        self.messageId = messageId
        self.headers = headers
        self.body = body
        self.dueAt = dueAt
        self.deferredBy = deferredBy
        self.deferredAt = deferredAt
    }

    init(row: StateRow) {
        queue = row["queue"]
        messageId = row["message_id"]
        headers = Data((row["headers"] as String).utf8)
        body = Data((row["body"] as String).utf8)
        dueAt = row["due_at"]
        deferredBy = row["deferred_by"]
        deferredAt = row["deferred_at"]
    }
}
