import BridgeCore
import Logging

/// Handles the messages of one worker. Handlers are idempotent: the runtime deduplicates by the
/// envelope's idempotency key, but a handler whose outcome was lost (crash after the external
/// write, before the inbox commit) runs again, and must find its own earlier write (effect rows).
public protocol MessageHandler: Sendable {
    /// Handles one message. Throw ``HandlerFailure`` to choose between retry and dead letter; any
    /// other error is treated as transient and retried.
    func handle(_ message: Message, context: HandlerContext) async throws
}

/// What a handler knows about the delivery it handles.
public struct HandlerContext: Sendable {
    /// The worker and instance handling the message.
    public var worker: WorkerKind
    public var instance: String
    /// The queue the message came from.
    public var queue: WorkQueue
    /// 1-based attempt number.
    public var attempt: Int
    /// Logger with the message's id, type and attempt in its metadata.
    public var logger: Logger
}

/// A handler's verdict on a failure.
public enum HandlerFailure: Error, CustomStringConvertible {
    /// Worth retrying later (a 5xx, a timeout, a 429); `retryAfter` when the API said how long.
    case transient(String, retryAfter: Duration? = nil)
    /// Retrying cannot help (a 4xx validation error, a mapping that does not exist).
    case permanent(String)
    /// The worker cannot do its job as configured (a secret that does not resolve, settings that
    /// do not resolve against the PSA, credentials the PSA or the cloud refuse): nothing is wrong
    /// with the message. The runtime confirms it with the worker's ``ReadinessCheck``; when the
    /// check fails too, the worker pauses and the message goes back to its queue unspent
    /// (``WorkerReadiness``). When the check passes the failure is this message's after all
    /// and is retried as transient.
    case configuration(String)
    /// The worker has no handler for this message type yet.
    case noHandler(type: MessageType, worker: WorkerKind, detail: String)

    public var description: String {
        switch self {
        case .transient(let message, let retryAfter):
            if let retryAfter { return "\(message) (retry after \(retryAfter))" }
            return message
        case .permanent(let message):
            return message
        case .configuration(let message):
            return "configuration failure: \(message)"
        case .noHandler(let type, let worker, let detail):
            return "\(worker.rawValue) has no handler for \(type.rawValue): \(detail)"
        }
    }
}
