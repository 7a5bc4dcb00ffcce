import AMQPTransport
import Foundation
import Logging

/// The fleet's ``MessageBus`` and ``BrokerAdmin`` over rabbitmq-c.
///
/// Two AMQP connections, each on its own thread: one publishes with confirms, one consumes and
/// runs operator operations. Keeping publishing apart means a confirm is never stuck behind a
/// burst of deliveries on the same frame stream (and the reverse). Both declare the fleet's
/// topology on every (re)connect.
public final class AMQPMessageBus: MessageBus, BrokerAdmin {
    private let publishing: AMQPConnection
    private let consuming: AMQPConnection
    private let publisher: AMQPPublisher
    private let logger: Logger

    /// Connects both connections and declares `topology`.
    /// - Throws: a clear error naming the broker (never its password) when it cannot be reached.
    public static func connect(
        url: String, name: String, topology: FleetTopology = FleetTopology(), publishWindow: Int = 256,
        logger: Logger
    ) async throws -> AMQPMessageBus {
        let base = try AMQPConfiguration(url: url, connectionName: name)
        var publishConfiguration = base
        publishConfiguration.connectionName = "\(name) publish"
        var consumeConfiguration = base
        consumeConfiguration.connectionName = "\(name) consume"
        let amqpTopology = topology.amqpTopology
        let publishing = AMQPConnection(configuration: publishConfiguration, topology: amqpTopology, logger: logger)
        let consuming = AMQPConnection(configuration: consumeConfiguration, topology: amqpTopology, logger: logger)
        do {
            try await publishing.start()
            try await consuming.start()
        } catch {
            await publishing.close(timeout: .seconds(1))
            await consuming.close(timeout: .seconds(1))
            throw BusError.unreachable(broker: base.redactedURL, reason: "\(error)")
        }
        let publisher = try await publishing.makePublisher(window: publishWindow)
        return AMQPMessageBus(publishing: publishing, consuming: consuming, publisher: publisher, logger: logger)
    }

    private init(publishing: AMQPConnection, consuming: AMQPConnection, publisher: AMQPPublisher, logger: Logger) {
        self.publishing = publishing
        self.consuming = consuming
        self.publisher = publisher
        self.logger = logger
    }

    /// Whether both connections are up right now.
    public var isConnected: Bool { publishing.isConnected && consuming.isConnected }

    /// Reconnections so far, both connections together.
    public var reconnectCount: Int { publishing.reconnectCount + consuming.reconnectCount }

    // MARK: MessageBus

    public func publish(_ messages: [OutboundMessage]) async throws {
        if messages.count == 1 {
            try await publisher.publish(messages[0].amqpMessage)
            return
        }
        let results = await publisher.publish(messages.map(\.amqpMessage))
        for (message, result) in zip(messages, results) {
            if case .failure(let error) = result {
                throw BusError.publishFailed(routingKey: message.routingKey, reason: "\(error)")
            }
        }
    }

    public func subscribe(queue: String, prefetch: Int) async throws -> any BusSubscription {
        let consumer = try await consuming.makeConsumer(queue: queue, prefetch: UInt16(clamping: prefetch))
        return AMQPSubscription(consumer: consumer)
    }

    // MARK: BrokerAdmin

    public func declare(_ topology: FleetTopology) async throws {
        try await consuming.declare(topology.amqpTopology)
    }

    public func queueStatus(_ queue: String) async throws -> QueueStatus {
        let status = try await consuming.queueStatus(queue)
        return QueueStatus(name: queue, messages: Int(status.messageCount), consumers: Int(status.consumerCount))
    }

    public func purge(_ queue: String) async throws -> Int {
        Int(try await consuming.purgeQueue(queue))
    }

    public func get(_ queue: String) async throws -> BusDelivery? {
        guard let delivery = try await consuming.basicGet(from: queue) else { return nil }
        let connection = consuming
        return BusDelivery(delivery, queue: queue) { settlement in
            do {
                switch settlement {
                case .ack: try await connection.ack(delivery)
                case .reject(let requeue): try await connection.reject(delivery, requeue: requeue)
                }
            } catch {
                // The channel closed in between: the broker has the message back already.
            }
        }
    }

    public func close() async {
        await publisher.close(timeout: .seconds(10))
        await consuming.close(timeout: .seconds(30))
        await publishing.close(timeout: .seconds(10))
    }
}

/// A subscription backed by an ``AMQPConsumer``.
struct AMQPSubscription: BusSubscription {
    let consumer: AMQPConsumer
    let deliveries: AsyncStream<BusDelivery>

    init(consumer: AMQPConsumer) {
        self.consumer = consumer
        let queue = consumer.queue
        deliveries = AsyncStream(bufferingPolicy: .unbounded) { continuation in
            let task = Task {
                for await delivery in consumer {
                    continuation.yield(
                        BusDelivery(delivery, queue: queue) { settlement in
                            switch settlement {
                            case .ack: consumer.ack(delivery)
                            case .reject(let requeue): consumer.reject(delivery, requeue: requeue)
                            }
                        })
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    func stop() async {
        await consumer.stopConsuming(timeout: .seconds(30))
    }
}

/// Errors of the bus adapter, with the broker named by its password-free URL.
public enum BusError: Error, CustomStringConvertible {
    case unreachable(broker: String, reason: String)
    case publishFailed(routingKey: String, reason: String)

    public var description: String {
        switch self {
        case .unreachable(let broker, let reason): return "cannot reach the broker at \(broker): \(reason)"
        case .publishFailed(let key, let reason): return "publish to '\(key)' failed: \(reason)"
        }
    }
}

extension BusDelivery {
    init(_ delivery: AMQPDelivery, queue: String, settle: @escaping @Sendable (Settlement) async -> Void) {
        var headers: [String: HeaderValue] = [:]
        for (name, value) in delivery.headers {
            if let int = value.intValue {
                headers[name] = .int(int)
            } else if let string = value.stringValue {
                headers[name] = .string(string)
            }
        }
        self.init(
            queue: queue, exchange: delivery.exchange, routingKey: delivery.routingKey, messageId: delivery.messageId,
            headers: headers, body: delivery.body, redelivered: delivery.redelivered, settle: settle)
    }
}

extension OutboundMessage {
    var amqpMessage: AMQPOutgoingMessage {
        AMQPOutgoingMessage(
            exchange: exchange, routingKey: routingKey, body: body, messageId: messageId,
            headers: headers.mapValues(\.amqpValue))
    }
}

extension HeaderValue {
    var amqpValue: AMQPFieldValue {
        switch self {
        case .string(let s): return .string(s)
        case .int(let i): return .long(Int64(i))
        }
    }
}

extension FleetTopology {
    /// The topology in the transport's terms.
    var amqpTopology: AMQPTopology {
        AMQPTopology(
            exchanges: exchanges.map { AMQPTopology.Exchange($0.name, kind: AMQPTopology.ExchangeKind(rawValue: $0.kind.rawValue)!) },
            queues: queues.map { AMQPTopology.Queue($0.name, arguments: $0.arguments.mapValues(\.amqpValue)) },
            bindings: bindings.map { AMQPTopology.Binding(queue: $0.queue, exchange: $0.exchange, routingKey: $0.routingKey) })
    }
}
