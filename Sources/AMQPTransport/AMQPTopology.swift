/// Exchanges, queues and bindings that a connection declares when it connects and again after
/// every reconnect.
///
/// Declarations are idempotent as long as the same arguments are used every time; a mismatch
/// with what already exists makes the broker answer 406 PRECONDITION_FAILED.
public struct AMQPTopology: Sendable, Hashable {
    public var exchanges: [Exchange]
    public var queues: [Queue]
    public var bindings: [Binding]

    public init(exchanges: [Exchange] = [], queues: [Queue] = [], bindings: [Binding] = []) {
        self.exchanges = exchanges
        self.queues = queues
        self.bindings = bindings
    }

    /// Whether nothing is declared.
    public var isEmpty: Bool { exchanges.isEmpty && queues.isEmpty && bindings.isEmpty }

    /// This topology plus the declarations of `other` that are not already in it.
    public func merging(_ other: AMQPTopology) -> AMQPTopology {
        var result = self
        for exchange in other.exchanges where !result.exchanges.contains(exchange) {
            result.exchanges.append(exchange)
        }
        for queue in other.queues where !result.queues.contains(queue) {
            result.queues.append(queue)
        }
        for binding in other.bindings where !result.bindings.contains(binding) {
            result.bindings.append(binding)
        }
        return result
    }

    /// An exchange type.
    public enum ExchangeKind: String, Sendable, Hashable {
        case direct, fanout, topic, headers
    }

    /// An exchange declaration.
    public struct Exchange: Sendable, Hashable {
        public var name: String
        public var kind: ExchangeKind
        public var durable: Bool
        public var autoDelete: Bool
        public var `internal`: Bool
        public var arguments: AMQPTable

        public init(
            _ name: String, kind: ExchangeKind, durable: Bool = true, autoDelete: Bool = false,
            internal: Bool = false, arguments: AMQPTable = [:]
        ) {
            self.name = name
            self.kind = kind
            self.durable = durable
            self.autoDelete = autoDelete
            self.internal = `internal`
            self.arguments = arguments
        }
    }

    /// A queue declaration. Use ``quorum(_:deadLetterExchange:deadLetterRoutingKey:messageTTL:deliveryLimit:maxLength:overflow:deadLetterStrategy:arguments:)``
    /// for the usual durable quorum queue.
    public struct Queue: Sendable, Hashable {
        public var name: String
        public var durable: Bool
        public var exclusive: Bool
        public var autoDelete: Bool
        public var arguments: AMQPTable

        public init(
            _ name: String, durable: Bool = true, exclusive: Bool = false, autoDelete: Bool = false,
            arguments: AMQPTable = [:]
        ) {
            self.name = name
            self.durable = durable
            self.exclusive = exclusive
            self.autoDelete = autoDelete
            self.arguments = arguments
        }

        /// What a quorum queue does when it is full (`x-overflow`).
        public enum Overflow: String, Sendable, Hashable {
            case dropHead = "drop-head"
            case rejectPublish = "reject-publish"
        }

        /// How a quorum queue dead-letters (`x-dead-letter-strategy`).
        public enum DeadLetterStrategy: String, Sendable, Hashable {
            case atMostOnce = "at-most-once"
            case atLeastOnce = "at-least-once"
        }

        /// A durable quorum queue (`x-queue-type: quorum`) with the usual optional arguments.
        ///
        /// - Parameters:
        ///   - deadLetterExchange: `x-dead-letter-exchange`.
        ///   - deadLetterRoutingKey: `x-dead-letter-routing-key`.
        ///   - messageTTL: `x-message-ttl`, whole milliseconds.
        ///   - deliveryLimit: `x-delivery-limit`.
        ///   - maxLength: `x-max-length`.
        ///   - overflow: `x-overflow`.
        ///   - deadLetterStrategy: `x-dead-letter-strategy` (at-least-once needs
        ///     `overflow: .rejectPublish`).
        ///   - arguments: further arguments, which win over the ones above.
        public static func quorum(
            _ name: String,
            deadLetterExchange: String? = nil,
            deadLetterRoutingKey: String? = nil,
            messageTTL: Duration? = nil,
            deliveryLimit: Int? = nil,
            maxLength: Int? = nil,
            overflow: Overflow? = nil,
            deadLetterStrategy: DeadLetterStrategy? = nil,
            arguments: AMQPTable = [:]
        ) -> Queue {
            var table: AMQPTable = ["x-queue-type": "quorum"]
            if let deadLetterExchange { table["x-dead-letter-exchange"] = .string(deadLetterExchange) }
            if let deadLetterRoutingKey { table["x-dead-letter-routing-key"] = .string(deadLetterRoutingKey) }
            if let messageTTL {
                let milliseconds =
                    messageTTL.components.seconds * 1000 + messageTTL.components.attoseconds / 1_000_000_000_000_000
                table["x-message-ttl"] = .long(milliseconds)
            }
            if let deliveryLimit { table["x-delivery-limit"] = .long(Int64(deliveryLimit)) }
            if let maxLength { table["x-max-length"] = .long(Int64(maxLength)) }
            if let overflow { table["x-overflow"] = .string(overflow.rawValue) }
            if let deadLetterStrategy { table["x-dead-letter-strategy"] = .string(deadLetterStrategy.rawValue) }
            table.merge(arguments) { _, explicit in explicit }
            return Queue(name, durable: true, arguments: table)
        }
    }

    /// A queue-to-exchange binding.
    public struct Binding: Sendable, Hashable {
        public var queue: String
        public var exchange: String
        public var routingKey: String
        public var arguments: AMQPTable

        public init(queue: String, exchange: String, routingKey: String = "", arguments: AMQPTable = [:]) {
            self.queue = queue
            self.exchange = exchange
            self.routingKey = routingKey
            self.arguments = arguments
        }
    }
}
