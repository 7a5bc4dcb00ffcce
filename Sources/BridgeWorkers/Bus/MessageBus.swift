import BridgeValues

/// The message bus as the workers see it: confirmed publishing and manual-ack consuming.
///
/// The production implementation is ``AMQPMessageBus`` (rabbitmq-c); tests of the rules and the
/// pipeline may use ``InMemoryMessageBus``. The transport itself is always tested against a real
/// RabbitMQ.
public protocol MessageBus: Sendable {
    /// Publishes the messages and returns once the broker has confirmed every one of them.
    /// Throws when any was refused, unroutable, or its outcome is unknown (connection lost); the
    /// caller may publish again, consumers are idempotent.
    func publish(_ messages: [OutboundMessage]) async throws

    /// Starts consuming `queue` with manual acknowledgements and at most `prefetch` unacknowledged
    /// deliveries. The sequence ends after ``BusSubscription/stop()`` once the broker stopped delivering.
    func subscribe(queue: String, prefetch: Int) async throws -> any BusSubscription
}

/// A consumer subscription: a sequence of deliveries that survives reconnects.
public protocol BusSubscription: Sendable {
    /// The deliveries, in the order the broker sent them.
    var deliveries: AsyncStream<BusDelivery> { get }
    /// Asks the broker to stop delivering (basic.cancel). Deliveries already received stay valid
    /// and must still be acknowledged or rejected.
    func stop() async
}

/// One message received from a queue.
public struct BusDelivery: Sendable {
    public var queue: String
    public var exchange: String
    public var routingKey: String
    public var messageId: String?
    public var headers: [String: HeaderValue]
    public var body: [UInt8]
    public var redelivered: Bool
    let settle: @Sendable (Settlement) async -> Void

    /// How a delivery is settled.
    public enum Settlement: Sendable, Equatable {
        case ack
        case reject(requeue: Bool)
    }

    public init(
        queue: String, exchange: String, routingKey: String, messageId: String?,
        headers: [String: HeaderValue], body: [UInt8], redelivered: Bool,
        settle: @escaping @Sendable (Settlement) async -> Void
    ) {
        self.queue = queue
        self.exchange = exchange
        self.routingKey = routingKey
        self.messageId = messageId
        self.headers = headers
        self.body = body
        self.redelivered = redelivered
        self.settle = settle
    }

    /// Acknowledges the delivery: the broker forgets it.
    public func ack() async { await settle(.ack) }
    /// Rejects the delivery; with `requeue` the broker delivers it again.
    public func reject(requeue: Bool) async { await settle(.reject(requeue: requeue)) }
}

/// A message to publish, persistent and mandatory (an unroutable message is an error).
public struct OutboundMessage: Sendable, Equatable {
    public var exchange: String
    public var routingKey: String
    public var messageId: String?
    public var headers: [String: HeaderValue]
    public var body: [UInt8]

    public init(
        exchange: String, routingKey: String, messageId: String?, headers: [String: HeaderValue] = [:],
        body: [UInt8]
    ) {
        self.exchange = exchange
        self.routingKey = routingKey
        self.messageId = messageId
        self.headers = headers
        self.body = body
    }
}

/// The header values the fleet uses in its own headers (never `x-` headers, which the broker owns).
public enum HeaderValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case int(Int)

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .string(let s): return Int(s)
        }
    }

    public var description: String {
        switch self {
        case .string(let s): return s
        case .int(let i): return String(i)
        }
    }

    /// The value as JSON (a string or an integer).
    var jsonValue: JSONValue {
        switch self {
        case .string(let s): return .string(s)
        case .int(let i): return .integer(i)
        }
    }

    /// A value from ``jsonValue``; nil for any other JSON.
    init?(jsonValue: JSONValue) {
        switch jsonValue {
        case .string(let s): self = .string(s)
        case .integer(let i): self = .int(i)
        default: return nil
        }
    }
}
