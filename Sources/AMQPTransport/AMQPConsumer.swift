/// Deliveries from one queue, with manual acknowledgements, as an `AsyncSequence`.
///
/// The sequence goes on across reconnects, channel closes and broker cancels; the caller notices
/// only redeliveries (`redelivered == true`). It ends after ``stopConsuming(timeout:)`` or
/// ``AMQPConnection/close(timeout:)``, or for an iterating task that is cancelled.
///
/// Deliveries may be handled concurrently, in separate tasks, and settled in any order.
/// Settle each delivery exactly once with ``ack(_:)``, ``nack(_:requeue:)`` or
/// ``reject(_:requeue:)``; these only queue a command to the connection thread and return at
/// once. A settlement for a delivery whose channel has closed since is dropped (the broker
/// redelivers that message), never sent on the new channel.
///
/// An iterating task that is cancelled gets nil, except when a delivery was handed to it at that
/// very moment: then `next()` returns the delivery, which must be settled like any other.
public final class AMQPConsumer: AsyncSequence, Sendable {
    public typealias Element = AMQPDelivery
    public typealias Failure = Never

    /// The queue consumed.
    public let queue: String
    /// Keeps the connection (and its thread) alive while the consumer is in use.
    private let connection: AMQPConnection
    private let mailbox: Mailbox
    private let id: Int
    private let buffer: DeliveryBuffer
    private let status: ConsumerStatus

    init(
        connection: AMQPConnection, mailbox: Mailbox, id: Int, queue: String, buffer: DeliveryBuffer,
        status: ConsumerStatus
    ) {
        self.connection = connection
        self.mailbox = mailbox
        self.id = id
        self.queue = queue
        self.buffer = buffer
        self.status = status
    }

    public struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        let buffer: DeliveryBuffer

        public mutating func next() async -> AMQPDelivery? {
            await buffer.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(buffer: buffer)
    }

    /// Acknowledges a delivery: the broker forgets the message.
    public func ack(_ delivery: AMQPDelivery) {
        settle(delivery, .ack)
    }

    /// Negatively acknowledges a delivery: back to the queue when `requeue`, otherwise
    /// dead-lettered (or dropped without a dead-letter exchange).
    public func nack(_ delivery: AMQPDelivery, requeue: Bool) {
        settle(delivery, .nack(requeue: requeue))
    }

    /// Rejects a delivery: back to the queue when `requeue`, otherwise dead-lettered (reason
    /// `rejected`). On quorum queues a requeueing reject counts toward `x-delivery-limit`.
    public func reject(_ delivery: AMQPDelivery, requeue: Bool) {
        settle(delivery, .reject(requeue: requeue))
    }

    private func settle(_ delivery: AMQPDelivery, _ settlement: Settlement) {
        _ = mailbox.send(
            .settle(consumer: id, generation: delivery.generation, deliveryTag: delivery.deliveryTag, settlement))
    }

    /// Stops consuming gracefully (for SIGTERM): sends `basic.cancel` so nothing new arrives,
    /// returns buffered deliveries not yet handed out to the queue, ends the sequence, and waits
    /// up to `timeout` for the caller to settle the deliveries it holds. Then closes the channel,
    /// which returns whatever is still unsettled to the queue.
    ///
    /// - Returns: how many deliveries were still unsettled when the channel closed.
    @discardableResult
    public func stopConsuming(timeout: Duration = .seconds(30)) async -> Int {
        let deadline = ContinuousClock.now + timeout
        let id = self.id
        return await withCheckedContinuation { (continuation: CheckedContinuation<Int, Never>) in
            let accepted = mailbox.send(
                .run { loop in
                    if let slot = loop.consumers[id] {
                        loop.stopConsumer(slot, deadline: deadline, waiter: continuation)
                    } else {
                        continuation.resume(returning: 0)
                    }
                })
            if !accepted { continuation.resume(returning: 0) }
        }
    }

    /// Whether deliveries are flowing now (false while reconnecting or after a broker cancel).
    public var isConsuming: Bool { status.snapshot.consuming }

    /// How many times the broker cancelled this consumer (`basic.cancel`: queue deleted,
    /// leader change, consumer timeout). Each time the consumer re-declared and consumed again.
    public var brokerCancellations: Int { status.snapshot.brokerCancellations }

    /// How many times the consumer had to start again (reconnect, channel close, broker cancel).
    public var restarts: Int { status.snapshot.restarts }

    /// Whether the consumer has stopped for good.
    public var isStopped: Bool { status.snapshot.stopped }

    /// Deliveries received and not yet taken by an iterating task.
    public var bufferedCount: Int { buffer.count }
}
