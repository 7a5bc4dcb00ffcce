/// A request to a connection thread.
enum Command: Sendable {
    /// Publish one message on a publisher's channel.
    case publish(publisher: Int, PendingPublish)
    /// Publish several messages on a publisher's channel, completing one batch.
    case publishBatch(publisher: Int, [PendingPublish])
    /// Ack, nack or reject a consumer delivery of the given channel generation.
    case settle(consumer: Int, generation: UInt64, deliveryTag: UInt64, Settlement)
    /// Anything else: runs on the connection thread with the loop.
    case run(@Sendable (ConnectionLoop) -> Void)
}

/// How a delivery is settled.
enum Settlement: Sendable, Hashable {
    case ack
    case nack(requeue: Bool)
    case reject(requeue: Bool)
}
