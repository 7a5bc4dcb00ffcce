#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A message received from a queue, copied out of the library (no C memory is referenced).
///
/// Settle it with the ``AMQPConsumer`` it came from (or, for ``AMQPConnection/basicGet(from:)``,
/// with the connection). `generation` identifies the channel incarnation it arrived on: once
/// that channel closes or the connection reconnects, settling it is dropped (the broker
/// redelivers the message with `redelivered == true`).
public struct AMQPDelivery: Sendable, Hashable {
    /// Message body.
    public var body: [UInt8]
    /// Exchange the message was published to ("" for the default exchange).
    public var exchange: String
    /// Routing key it was published with.
    public var routingKey: String
    /// `message-id` property.
    public var messageId: String?
    /// `content-type` property.
    public var contentType: String?
    /// `correlation-id` property.
    public var correlationId: String?
    /// `type` property.
    public var type: String?
    /// `timestamp` property.
    public var timestamp: Date?
    /// `expiration` property (milliseconds, as text, as on the wire).
    public var expiration: String?
    /// Application headers, including broker-set ones such as `x-death` and `x-delivery-count`.
    public var headers: AMQPTable
    /// `delivery-mode` property: 2 = persistent, 1 = transient, nil = not set.
    public var deliveryMode: UInt8?
    /// Whether the broker delivered this message before (to this or another consumer).
    public var redelivered: Bool
    /// Channel-scoped delivery tag.
    public var deliveryTag: UInt64
    /// Identifies the channel incarnation the delivery arrived on; changes on every reconnect
    /// or channel reopen.
    public var generation: UInt64
    /// Tag of the consumer it was delivered to ("" for `basic.get`).
    public var consumerTag: String
    /// For `basic.get`: how many messages remained in the queue; nil for consumer deliveries.
    public var remainingMessageCount: UInt32?

    /// Whether the message was published persistent (delivery mode 2).
    public var isPersistent: Bool { deliveryMode == 2 }
}
