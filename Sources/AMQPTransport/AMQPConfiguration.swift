/// How to reach and talk to a RabbitMQ broker.
///
/// Build one from an AMQP URL with ``init(url:)`` or field by field. The password never appears
/// in ``description``, logs or errors.
public struct AMQPConfiguration: Sendable, Hashable {
    /// Broker host name or address.
    public var host: String
    /// Broker AMQP port (5672 by default).
    public var port: Int
    /// SASL PLAIN user name.
    public var username: String
    /// SASL PLAIN password. Never logged.
    public var password: String
    /// Virtual host ("/" by default).
    public var virtualHost: String
    /// The `connection_name` client property, shown by `rabbitmqctl list_connections` and the
    /// management UI.
    public var connectionName: String
    /// Heartbeat interval negotiated with the broker; the connection thread sends heartbeats and
    /// declares the peer dead after two intervals without traffic. Zero disables heartbeats.
    public var heartbeat: Duration
    /// Time allowed for the TCP connect and the AMQP handshake.
    public var connectTimeout: Duration
    /// Time allowed for each synchronous AMQP method (declare, bind, qos, consume, close...).
    /// A timeout closes the socket and the connection recovers like after any other loss.
    public var rpcTimeout: Duration
    /// Largest frame size proposed to the broker.
    public var frameMax: Int
    /// Back-off between reconnection attempts.
    public var reconnect: AMQPReconnectPolicy

    /// Creates a configuration. Defaults: guest/guest on localhost:5672, vhost "/", heartbeat
    /// 30 s, connect timeout 10 s, RPC timeout 30 s, frame max 131072.
    public init(
        host: String = "localhost",
        port: Int = 5672,
        username: String = "guest",
        password: String = "guest",
        virtualHost: String = "/",
        connectionName: String = "psa-bridge",
        heartbeat: Duration = .seconds(30),
        connectTimeout: Duration = .seconds(10),
        rpcTimeout: Duration = .seconds(30),
        frameMax: Int = 131_072,
        reconnect: AMQPReconnectPolicy = AMQPReconnectPolicy()
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.virtualHost = virtualHost
        self.connectionName = connectionName
        self.heartbeat = heartbeat
        self.connectTimeout = connectTimeout
        self.rpcTimeout = rpcTimeout
        self.frameMax = frameMax
        self.reconnect = reconnect
    }
}

extension AMQPConfiguration: CustomStringConvertible {
    /// The broker address as an AMQP URL with the password replaced by `***`.
    public var description: String { redactedURL }

    /// The broker address as an AMQP URL with the password replaced by `***`.
    public var redactedURL: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "amqp://\(Self.percentEncode(username)):***@\(hostPart):\(port)/\(Self.percentEncode(virtualHost))"
    }
}
