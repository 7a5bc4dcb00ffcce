/// What a passive `queue.declare` reports about a queue.
public struct AMQPQueueStatus: Sendable, Hashable {
    /// Queue name.
    public var name: String
    /// Messages ready for delivery (not counting unacknowledged ones).
    public var messageCount: UInt32
    /// Consumers attached to the queue.
    public var consumerCount: UInt32

    public init(name: String, messageCount: UInt32, consumerCount: UInt32) {
        self.name = name
        self.messageCount = messageCount
        self.consumerCount = consumerCount
    }
}
