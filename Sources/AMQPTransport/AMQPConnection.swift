import Logging
import Synchronization

/// One AMQP connection to RabbitMQ, owned by a dedicated thread.
///
/// The connection declares its ``AMQPTopology`` when it connects and again after every
/// reconnect; it reconnects on its own (exponential back-off with jitter) after a socket error,
/// a missed heartbeat or a `connection.close` from the broker, and then re-creates every
/// publisher channel (`confirm.select`) and consumer (`basic.qos`, `basic.consume`).
///
/// ```swift
/// let connection = AMQPConnection(configuration: try AMQPConfiguration(url: url), topology: topology, logger: logger)
/// try await connection.start()
/// let publisher = try await connection.makePublisher()
/// try await publisher.publish(AMQPOutgoingMessage(exchange: "bridge.work", routingKey: "usage.tenant", body: body))
/// let consumer = try await connection.makeConsumer(queue: "usage-reporter", prefetch: 100)
/// for await delivery in consumer { ...; consumer.ack(delivery) }
/// await connection.close()
/// ```
///
/// Call ``close(timeout:)`` when done: the thread runs until then. Publishers and consumers keep
/// their connection alive; once the connection and all of them are released without a close, it
/// closes itself with a warning.
public final class AMQPConnection: Sendable {
    /// The configuration this connection uses.
    public let configuration: AMQPConfiguration
    private let initialTopology: AMQPTopology
    private let logger: Logger
    private let mailbox: Mailbox?
    private let mailboxError: AMQPError?
    private let statusBox = ConnectionStatus()
    private let lifecycle = Mutex(Lifecycle.idle)

    private enum Lifecycle {
        case idle
        case started
        case closedBeforeStart
    }

    /// Creates a connection; nothing happens on the network until ``start()``.
    ///
    /// - Parameters:
    ///   - configuration: broker address, credentials, heartbeat, timeouts, back-off.
    ///   - topology: exchanges, queues and bindings declared on every (re)connect.
    ///   - logger: where the transport logs (connects, losses, broker cancels). Passwords are
    ///     never logged.
    public init(configuration: AMQPConfiguration, topology: AMQPTopology = AMQPTopology(), logger: Logger) {
        self.configuration = configuration
        self.initialTopology = topology
        var logger = logger
        logger[metadataKey: "amqp.connection"] = "\(configuration.connectionName)"
        self.logger = logger
        do {
            mailbox = try Mailbox()
            mailboxError = nil
        } catch {
            mailbox = nil
            mailboxError = error
        }
    }

    /// A connection released without ``close(timeout:)`` closes itself (after a 5 s drain), so its
    /// thread does not outlive it; a warning is logged because buffered work may be cut short.
    deinit {
        guard let mailbox, lifecycle.withLock({ $0 }) == .started else { return }
        let logger = self.logger
        _ = mailbox.send(
            .run { loop in
                guard !loop.isFinished, loop.closeRequest == nil else { return }
                logger.warning("AMQPConnection released without close(); closing it")
                loop.requestClose(deadline: .now + .seconds(5), waiter: nil)
            })
    }

    /// Connects, logs in and declares the topology.
    ///
    /// - Throws: ``AMQPError/connectionFailed(_:)`` when the broker cannot be reached, refuses
    ///   the login or rejects the topology. The connection is then closed; create a new one to
    ///   try again.
    public func start() async throws(AMQPError) {
        guard let mailbox else { throw mailboxError ?? .closed }
        let result: Result<Void, AMQPError> = await withCheckedContinuation { continuation in
            let previous = lifecycle.withLock { state in
                defer { if state == .idle { state = .started } }
                return state
            }
            switch previous {
            case .started:
                continuation.resume(
                    returning: .failure(.invalidArgument("start() was already called on this connection")))
                return
            case .closedBeforeStart:
                continuation.resume(returning: .failure(.closed))
                return
            case .idle:
                break
            }
            let created = ConnectionLoop(
                configuration: configuration, topology: initialTopology, logger: logger, mailbox: mailbox,
                status: statusBox, start: continuation)
            statusBox.update { $0.state = .connecting }
            do throws(AMQPError) {
                try ConnectionLoop.spawn(created)
            } catch {
                statusBox.update { $0.state = .closed }
                continuation.resume(returning: .failure(error))
            }
        }
        try result.get()
    }

    /// Closes the connection gracefully: consumers are cancelled and given until `timeout` to
    /// settle what their handlers hold, publishers until `timeout` for outstanding confirms;
    /// then the connection is closed. Publishes still unconfirmed fail with ``AMQPError/closed``
    /// and every consumer sequence ends.
    public func close(timeout: Duration = .seconds(10)) async {
        let started = lifecycle.withLock { state in
            if state == .idle { state = .closedBeforeStart }
            return state == .started
        }
        guard let mailbox, started else {
            statusBox.update { $0.state = .closed }
            return
        }
        let deadline = ContinuousClock.now + timeout
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let accepted = mailbox.send(
                .run { loop in
                    if loop.isFinished {
                        continuation.resume()
                    } else {
                        loop.requestClose(deadline: deadline, waiter: continuation)
                    }
                })
            if !accepted { continuation.resume() }
        }
    }

    // MARK: - State

    /// Where the connection is in its life.
    public var state: AMQPConnectionState { statusBox.snapshot.state }

    /// Whether the connection is up right now.
    public var isConnected: Bool { state == .connected }

    /// How many times the connection has been re-established after a loss.
    public var reconnectCount: Int { statusBox.snapshot.reconnectCount }

    /// Whether the broker has blocked publishing on this connection (`connection.blocked`,
    /// memory or disk alarm).
    public var isBlocked: Bool { statusBox.snapshot.blocked }

    /// The reason of the last connection loss or failed reconnect, if any.
    public var lastError: String? { statusBox.snapshot.lastError }

    // MARK: - Publishers and consumers

    /// Opens a confirm-mode channel for publishing.
    ///
    /// - Parameter window: how many publishes may await their confirm at once; more are queued
    ///   on the connection thread until confirms come back.
    public func makePublisher(window: Int = 128) async throws(AMQPError) -> AMQPPublisher {
        guard window >= 1 else { throw .invalidArgument("publisher window must be at least 1, got \(window)") }
        let id = try await perform { loop throws(AMQPError) in
            let id = loop.addPublisher(window: window)
            try loop.openPublisherNow(id)
            return id
        }
        return AMQPPublisher(connection: self, mailbox: mailbox!, id: id, window: window)
    }

    /// Starts consuming `queue` with manual acknowledgements.
    ///
    /// The consumer survives reconnects, channel closes and broker cancels (it re-declares the
    /// topology and consumes again); only ``AMQPConsumer/stopConsuming(timeout:)`` or
    /// ``close(timeout:)`` end its sequence.
    ///
    /// - Parameters:
    ///   - queue: queue name.
    ///   - prefetch: `basic.qos` prefetch count (per consumer, `global = false`).
    ///   - arguments: `basic.consume` arguments (for example `x-priority`).
    /// - Throws: ``AMQPError/channelClosed(code:text:)`` when the broker refuses (404: no such
    ///   queue, 403: access refused), ``AMQPError/closed`` after ``close(timeout:)``.
    public func makeConsumer(queue: String, prefetch: UInt16 = 100, arguments: AMQPTable = [:]) async throws(AMQPError)
        -> AMQPConsumer
    {
        guard prefetch >= 1 else { throw .invalidArgument("prefetch must be at least 1") }
        let buffer = DeliveryBuffer()
        let consumerStatus = ConsumerStatus()
        let id = try await perform { loop throws(AMQPError) in
            let id = loop.addConsumer(
                queue: queue, prefetch: prefetch, arguments: arguments, buffer: buffer, status: consumerStatus)
            try loop.startConsumerNow(id)
            return id
        }
        return AMQPConsumer(
            connection: self, mailbox: mailbox!, id: id, queue: queue, buffer: buffer, status: consumerStatus)
    }

    // MARK: - Topology and operator operations

    /// Declares more exchanges, queues and bindings now, and on every later reconnect.
    public func declare(_ topology: AMQPTopology) async throws(AMQPError) {
        try await perform { loop throws(AMQPError) in try loop.declare(topology) }
    }

    /// Message and consumer counts of a queue (passive `queue.declare`).
    ///
    /// - Throws: ``AMQPError/channelClosed(code:text:)`` with code 404 when the queue does not exist.
    public func queueStatus(_ queue: String) async throws(AMQPError) -> AMQPQueueStatus {
        try await perform { loop throws(AMQPError) in try loop.queueStatus(queue) }
    }

    /// Removes every ready message from a queue; returns how many.
    @discardableResult
    public func purgeQueue(_ queue: String) async throws(AMQPError) -> UInt32 {
        try await perform { loop throws(AMQPError) in try loop.purgeQueue(queue) }
    }

    /// Deletes a queue; returns how many messages it held.
    @discardableResult
    public func deleteQueue(_ queue: String, ifUnused: Bool = false, ifEmpty: Bool = false) async throws(AMQPError)
        -> UInt32
    {
        try await perform { loop throws(AMQPError) in try loop.deleteQueue(queue, ifUnused: ifUnused, ifEmpty: ifEmpty)
        }
    }

    /// Deletes an exchange.
    public func deleteExchange(_ exchange: String, ifUnused: Bool = false) async throws(AMQPError) {
        try await perform { loop throws(AMQPError) in try loop.deleteExchange(exchange, ifUnused: ifUnused) }
    }

    /// Takes one message from `queue` without auto-ack (`basic.get`), or nil when it is empty.
    ///
    /// Settle it with ``ack(_:)`` or ``reject(_:requeue:)`` on this connection; until then it
    /// stays unacknowledged (and returns to the queue if the connection drops).
    public func basicGet(from queue: String) async throws(AMQPError) -> AMQPDelivery? {
        try await perform { loop throws(AMQPError) in try loop.basicGet(queue) }
    }

    /// Acknowledges a message taken with ``basicGet(from:)``.
    ///
    /// - Throws: ``AMQPError/staleDelivery(deliveryTag:)`` when its channel closed in between
    ///   (the broker has requeued it), or when it was already settled.
    public func ack(_ delivery: AMQPDelivery) async throws(AMQPError) {
        try await perform { loop throws(AMQPError) in try loop.settleGet(delivery, .ack) }
    }

    /// Rejects a message taken with ``basicGet(from:)``: back to the queue when `requeue`,
    /// otherwise dead-lettered (or dropped when the queue has no dead-letter exchange).
    public func reject(_ delivery: AMQPDelivery, requeue: Bool) async throws(AMQPError) {
        try await perform { loop throws(AMQPError) in try loop.settleGet(delivery, .reject(requeue: requeue)) }
    }

    /// Runs `body` on the connection thread and returns its result.
    private func perform<T: Sendable>(_ body: @escaping @Sendable (ConnectionLoop) throws(AMQPError) -> T)
        async throws(AMQPError) -> T
    {
        guard let mailbox else { throw mailboxError ?? .closed }
        switch lifecycle.withLock({ $0 }) {
        case .started: break
        case .idle: throw .invalidArgument("call start() before using the connection")
        case .closedBeforeStart: throw .closed
        }
        let result: Result<T, AMQPError> = await withCheckedContinuation { continuation in
            let accepted = mailbox.send(
                .run { loop in
                    if loop.isFinished || loop.closeRequest != nil {
                        continuation.resume(returning: .failure(.closed))
                        return
                    }
                    do throws(AMQPError) {
                        continuation.resume(returning: .success(try body(loop)))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                })
            if !accepted { continuation.resume(returning: .failure(.closed)) }
        }
        return try result.get()
    }
}
