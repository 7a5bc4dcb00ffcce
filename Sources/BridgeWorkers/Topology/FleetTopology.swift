import BridgeCore

/// The fleet's exchanges, queues and bindings: declared by every worker at start (and after every
/// reconnect) and kept as RabbitMQ definitions in `deploy/rabbitmq/definitions.json`, which a test
/// checks against this type.
///
/// - `bridge.ticks` (fanout): `sync.tick` to each tick-driven worker's `<worker>.ticks` queue.
/// - `bridge.work` (topic): `provision.company`, `usage.tenant`, `ticket.command` to `<worker>.work`.
/// - Retries wait in the state, not in the broker (``DeferredRelay``): a TTL delay queue
///   dead-lettering back to its work queue can drop messages across a broker restart. The relay
///   publishes a retry to its work queue through the default exchange, so a retried tick goes back
///   to the one worker that failed it rather than to every tick queue. Releases before kept
///   classic `<queue>.retry.<tier>` delay queues; they still return what they hold, and can be
///   deleted once empty (README: Upgrading).
/// - `bridge.dead` (direct): one quorum queue `<queue>.dead` per work queue, bound by the queue's
///   name. Work queues also dead-letter there themselves after `deliveryLimit` redeliveries, a
///   backstop for a message that crashes its worker before it can be retried or dead-lettered.
public struct FleetTopology: Sendable, Equatable {
    public static let ticksExchange = "bridge.ticks"
    public static let workExchange = "bridge.work"
    public static let deadExchange = "bridge.dead"

    /// Broker-side redelivery limit of a work queue (quorum `x-delivery-limit`).
    public var deliveryLimit: Int
    /// The most messages a dead-letter queue holds before refusing more (publishers then see a nack).
    public var deadLetterMaxLength: Int

    public init(deliveryLimit: Int = 20, deadLetterMaxLength: Int = 1_000_000) {
        self.deliveryLimit = deliveryLimit
        self.deadLetterMaxLength = deadLetterMaxLength
    }

    /// All worker queues of the fleet.
    public var workQueues: [WorkQueue] { WorkQueue.allCases }

    /// Exchanges to declare.
    public var exchanges: [ExchangeSpec] {
        [
            ExchangeSpec(name: Self.ticksExchange, kind: .fanout),
            ExchangeSpec(name: Self.workExchange, kind: .topic),
            ExchangeSpec(name: Self.deadExchange, kind: .direct),
        ]
    }

    /// Queues to declare, in a stable order.
    public var queues: [QueueSpec] {
        workQueues.flatMap { queues(for: $0) }
    }

    /// Bindings to declare, in a stable order.
    public var bindings: [BindingSpec] {
        workQueues.flatMap { bindings(for: $0) }
    }

    /// The queues one worker queue needs: itself and its dead-letter queue.
    public func queues(for queue: WorkQueue) -> [QueueSpec] {
        [
            QueueSpec(
                name: queue.name, kind: .quorum,
                arguments: [
                    "x-queue-type": .string("quorum"),
                    "x-delivery-limit": .int(deliveryLimit),
                    "x-dead-letter-exchange": .string(Self.deadExchange),
                    "x-dead-letter-routing-key": .string(queue.name),
                ]),
            QueueSpec(
                name: queue.deadLetterQueue, kind: .quorum,
                arguments: [
                    "x-queue-type": .string("quorum"),
                    "x-max-length": .int(deadLetterMaxLength),
                    "x-overflow": .string("reject-publish"),
                ]),
        ]
    }

    /// The bindings of one worker queue.
    public func bindings(for queue: WorkQueue) -> [BindingSpec] {
        var result: [BindingSpec] = []
        if let key = queue.workRoutingKey {
            result.append(BindingSpec(exchange: Self.workExchange, queue: queue.name, routingKey: key))
        } else {
            result.append(BindingSpec(exchange: Self.ticksExchange, queue: queue.name, routingKey: ""))
        }
        result.append(BindingSpec(exchange: Self.deadExchange, queue: queue.deadLetterQueue, routingKey: queue.name))
        return result
    }
}

/// One queue a worker consumes.
public enum WorkQueue: String, Sendable, CaseIterable, Codable {
    case provisionerTicks = "provisioner.ticks"
    case usageReporterTicks = "usage-reporter.ticks"
    case alertConsumerTicks = "alert-consumer.ticks"
    case provisionerWork = "provisioner.work"
    case usageReporterWork = "usage-reporter.work"
    case ticketUpdaterWork = "ticket-updater.work"

    public var name: String { rawValue }
    /// The queue that holds this queue's dead letters.
    public var deadLetterQueue: String { "\(rawValue).dead" }

    /// The routing key on `bridge.work`, or nil for a tick queue bound to `bridge.ticks`.
    public var workRoutingKey: String? {
        switch self {
        case .provisionerWork: return MessageType.provisionCompany.rawValue
        case .usageReporterWork: return MessageType.usageTenant.rawValue
        case .ticketUpdaterWork: return MessageType.ticketCommand.rawValue
        case .provisionerTicks, .usageReporterTicks, .alertConsumerTicks: return nil
        }
    }

    /// The worker executable that consumes this queue.
    public var worker: WorkerKind {
        switch self {
        case .provisionerTicks, .provisionerWork: return .provisioner
        case .usageReporterTicks, .usageReporterWork: return .usageReporter
        case .alertConsumerTicks: return .alertConsumer
        case .ticketUpdaterWork: return .ticketUpdater
        }
    }

    /// Finds a work queue by the name of it or of one of its dead-letter queues (or of the delay
    /// queues of earlier releases).
    public init?(anyQueueName name: String) {
        if let exact = WorkQueue(rawValue: name) {
            self = exact
            return
        }
        guard let match = WorkQueue.allCases.first(where: { name.hasPrefix($0.rawValue + ".") }) else { return nil }
        self = match
    }
}

/// The fleet's worker executables.
public enum WorkerKind: String, Sendable, CaseIterable, Codable {
    case scheduler
    case provisioner
    case usageReporter = "usage-reporter"
    case alertConsumer = "alert-consumer"
    case ticketUpdater = "ticket-updater"

    /// The queues this worker consumes.
    public var queues: [WorkQueue] { WorkQueue.allCases.filter { $0.worker == self } }
}

/// An exchange to declare (always durable).
public struct ExchangeSpec: Sendable, Equatable {
    public enum Kind: String, Sendable { case fanout, topic, direct }
    public var name: String
    public var kind: Kind
}

/// A queue to declare (always durable).
public struct QueueSpec: Sendable, Equatable {
    public enum Kind: String, Sendable { case quorum, classic }
    public var name: String
    public var kind: Kind
    public var arguments: [String: HeaderValue]
}

/// A binding of a queue to an exchange.
public struct BindingSpec: Sendable, Equatable {
    public var exchange: String
    public var queue: String
    public var routingKey: String
}
