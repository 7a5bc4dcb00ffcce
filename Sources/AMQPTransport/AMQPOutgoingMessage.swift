#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A message to publish with ``AMQPPublisher``.
///
/// Defaults suit the fleet's JSON envelopes: persistent (delivery mode 2), `application/json`,
/// mandatory (an unroutable message is an error, not a silent drop), timestamped now.
public struct AMQPOutgoingMessage: Sendable, Hashable {
    /// Exchange to publish to ("" is the default exchange, which routes by queue name).
    public var exchange: String
    /// Routing key.
    public var routingKey: String
    /// Message body.
    public var body: [UInt8]
    /// `message-id` property. Also used to match a `basic.return` to its publish, so keep it
    /// unique among messages in flight.
    public var messageId: String?
    /// `content-type` property.
    public var contentType: String?
    /// `correlation-id` property.
    public var correlationId: String?
    /// `type` property.
    public var type: String?
    /// `timestamp` property (whole seconds on the wire).
    public var timestamp: Date?
    /// `expiration` property: per-message TTL in milliseconds.
    public var expirationMilliseconds: Int?
    /// Application headers. Keep clear of `x-` names: those belong to the broker.
    public var headers: AMQPTable
    /// Delivery mode 2 (persistent) when true, 1 otherwise.
    public var persistent: Bool
    /// Ask the broker to return the message when no queue is bound for it.
    public var mandatory: Bool

    public init(
        exchange: String,
        routingKey: String,
        body: [UInt8],
        messageId: String? = nil,
        contentType: String? = "application/json",
        correlationId: String? = nil,
        type: String? = nil,
        timestamp: Date? = Date(),
        expirationMilliseconds: Int? = nil,
        headers: AMQPTable = [:],
        persistent: Bool = true,
        mandatory: Bool = true
    ) {
        self.exchange = exchange
        self.routingKey = routingKey
        self.body = body
        self.messageId = messageId
        self.contentType = contentType
        self.correlationId = correlationId
        self.type = type
        self.timestamp = timestamp
        self.expirationMilliseconds = expirationMilliseconds
        self.headers = headers
        self.persistent = persistent
        self.mandatory = mandatory
    }
}
