/// Everything the AMQP transport can report as a failure.
///
/// ``isRetriable`` tells whether doing the same thing again (after a reconnect) can succeed.
/// No case ever carries the broker password.
public enum AMQPError: Error, Sendable, Hashable {
    /// The AMQP URL could not be parsed; the text says what is wrong.
    case invalidURL(String)
    /// A value given to the transport is not acceptable (the text says which and why).
    case invalidArgument(String)
    /// The first connection could not be established (TCP connect, login or topology
    /// declaration failed). The text names the broker (without password) and the cause.
    case connectionFailed(String)
    /// The connection was lost while the operation was outstanding. Whether a publish reached
    /// the broker is unknown: publish it again.
    case connectionLost(String)
    /// The transport is reconnecting; try again later.
    case notConnected
    /// The broker closed the channel the operation ran on, with an AMQP reply code: 404 for a
    /// missing exchange or queue, 406 for a declaration that does not match the existing one,
    /// 403 for an access error. The channel is reopened automatically. Retriable unless 403 or
    /// 406 (a missing exchange or queue may be declared in the meantime).
    case channelClosed(code: UInt16, text: String)
    /// The broker nacked a publish: it did not take responsibility for the message.
    case nacked
    /// A mandatory publish could not be routed to any queue (`basic.return`); the broker
    /// confirmed it only to say it dropped it.
    case unroutable(replyCode: UInt16, replyText: String, exchange: String, routingKey: String)
    /// A delivery was acked, nacked or rejected after the channel it came on was closed or
    /// reopened; the broker will redeliver it (or already has).
    case staleDelivery(deliveryTag: UInt64)
    /// The connection, publisher or consumer has been closed.
    case closed
    /// A wait ran out of time; the text says which.
    case timeout(String)

    /// Whether the same operation may succeed if repeated (after the transport reconnects).
    public var isRetriable: Bool {
        switch self {
        case .connectionLost, .notConnected, .nacked, .timeout, .connectionFailed: return true
        case .channelClosed(let code, _): return code != 403 && code != 406
        case .invalidURL, .invalidArgument, .unroutable, .staleDelivery, .closed: return false
        }
    }
}

extension AMQPError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .invalidURL(let reason): return "invalid AMQP URL: \(reason)"
        case .invalidArgument(let reason): return "invalid argument: \(reason)"
        case .connectionFailed(let reason): return "cannot connect to the AMQP broker: \(reason)"
        case .connectionLost(let reason): return "AMQP connection lost: \(reason)"
        case .notConnected: return "AMQP connection is not connected (reconnecting)"
        case .channelClosed(let code, let text): return "AMQP channel closed by the broker: \(code) \(text)"
        case .nacked: return "the broker nacked the publish"
        case .unroutable(let code, let text, let exchange, let routingKey):
            return
                "unroutable mandatory publish to exchange '\(exchange)' with routing key '\(routingKey)': \(code) \(text)"
        case .staleDelivery(let tag): return "delivery \(tag) belongs to a channel that has since closed"
        case .closed: return "the AMQP connection, publisher or consumer is closed"
        case .timeout(let what): return "timed out: \(what)"
        }
    }
}
