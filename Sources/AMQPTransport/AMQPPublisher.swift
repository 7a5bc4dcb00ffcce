/// Publishes with publisher confirms on its own channel of an ``AMQPConnection``.
///
/// Many publishes may be in flight at once (up to ``window`` sent and unconfirmed; more wait on
/// the connection thread). Each `publish` returns when the broker has confirmed the message,
/// that is taken responsibility for it (for a persistent message on a quorum queue: a quorum of
/// replicas has it).
///
/// A publish whose confirm cannot be known (connection lost, channel closed) fails with a
/// retriable error: publish it again. Consumers must be idempotent anyway.
public final class AMQPPublisher: Sendable {
    /// Keeps the connection (and its thread) alive while the publisher is in use.
    private let connection: AMQPConnection
    private let mailbox: Mailbox
    private let id: Int
    /// Most publishes sent and awaiting confirms at once.
    public let window: Int

    init(connection: AMQPConnection, mailbox: Mailbox, id: Int, window: Int) {
        self.connection = connection
        self.mailbox = mailbox
        self.id = id
        self.window = window
    }

    /// Publishes one message and waits for the broker's confirm.
    ///
    /// Task cancellation does not abort a publish: once handed to the connection thread, the
    /// message is sent and its confirm awaited.
    ///
    /// - Throws:
    ///   - ``AMQPError/unroutable(replyCode:replyText:exchange:routingKey:)``: mandatory and no
    ///     queue is bound for it (the broker dropped it).
    ///   - ``AMQPError/nacked``: the broker refused responsibility (retriable).
    ///   - ``AMQPError/connectionLost(_:)``: the connection dropped before the confirm (retriable).
    ///   - ``AMQPError/channelClosed(code:text:)``: the broker closed the channel, for example
    ///     404 when the exchange does not exist; every publish then in flight on the channel fails.
    ///   - ``AMQPError/closed``: the publisher or connection is closed.
    public func publish(_ message: AMQPOutgoingMessage) async throws(AMQPError) {
        let result: Result<Void, AMQPError> = await withCheckedContinuation { continuation in
            if !mailbox.send(
                .publish(publisher: id, PendingPublish(message: message, completion: .single(continuation))))
            {
                continuation.resume(returning: .failure(.closed))
            }
        }
        try result.get()
    }

    /// Publishes several messages, pipelined, and waits until every one is confirmed or failed.
    ///
    /// - Returns: one result per message, in the same order; failures are the errors
    ///   ``publish(_:)`` would throw.
    public func publish(_ messages: [AMQPOutgoingMessage]) async -> [Result<Void, AMQPError>] {
        guard !messages.isEmpty else { return [] }
        return await withCheckedContinuation { continuation in
            let collector = BatchCollector(count: messages.count, continuation: continuation)
            var batch: [PendingPublish] = []
            batch.reserveCapacity(messages.count)
            for (index, message) in messages.enumerated() {
                batch.append(PendingPublish(message: message, completion: .batch(collector, index: index)))
            }
            if !mailbox.send(.publishBatch(publisher: id, batch)) {
                continuation.resume(returning: Array(repeating: .failure(.closed), count: messages.count))
            }
        }
    }

    /// Stops accepting publishes, waits up to `timeout` for the outstanding confirms, then
    /// closes the channel. Publishes still unconfirmed fail with ``AMQPError/closed``.
    public func close(timeout: Duration = .seconds(10)) async {
        let deadline = ContinuousClock.now + timeout
        let id = self.id
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let accepted = mailbox.send(
                .run { loop in
                    if let slot = loop.publishers[id] {
                        loop.closePublisher(slot, deadline: deadline, waiter: continuation)
                    } else {
                        continuation.resume()
                    }
                })
            if !accepted { continuation.resume() }
        }
    }
}
