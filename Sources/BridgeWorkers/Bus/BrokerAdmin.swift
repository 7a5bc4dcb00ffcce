/// The operator's view of the broker: queue depths, reading and moving messages, purging.
/// Used by `bridgectl status` and `bridgectl dlq`.
public protocol BrokerAdmin: Sendable {
    /// Declares the fleet's topology (idempotent).
    func declare(_ topology: FleetTopology) async throws
    /// Messages ready in `queue` and its consumers. Throws when the queue does not exist.
    func queueStatus(_ queue: String) async throws -> QueueStatus
    /// Removes every ready message of `queue`; returns how many.
    func purge(_ queue: String) async throws -> Int
    /// Takes the next message of `queue` without acknowledging it, or nil when it is empty.
    /// The delivery must be acked (removed) or rejected with requeue (kept) before ``close()``;
    /// deliveries still held at close are returned to the queue by the broker.
    func get(_ queue: String) async throws -> BusDelivery?
    /// Publishes with confirms.
    func publish(_ messages: [OutboundMessage]) async throws
    /// Closes the connection.
    func close() async
}

/// The depth and consumers of a queue.
public struct QueueStatus: Sendable, Equatable, Codable {
    public var name: String
    public var messages: Int
    public var consumers: Int

    public init(name: String, messages: Int, consumers: Int) {
        self.name = name
        self.messages = messages
        self.consumers = consumers
    }
}
