import BridgeWorkers
import Logging

/// The console's connection to the broker, made when first needed and made again after a
/// failure, so the console starts and shows its pages while the broker is down.
public actor BrokerLink {
    private let connect: @Sendable () async throws -> any BrokerAdmin
    private var admin: (any BrokerAdmin)?

    public init(connect: @escaping @Sendable () async throws -> any BrokerAdmin) {
        self.connect = connect
    }

    /// A broker connected to the fleet's URL.
    public static func amqp(url: String, logger: Logger) -> BrokerLink {
        BrokerLink { try await AMQPMessageBus.connect(url: url, name: "console", logger: logger) }
    }

    /// The connected broker.
    /// - Throws: why the broker cannot be reached.
    public func broker() async throws -> any BrokerAdmin {
        if let admin { return admin }
        let connected = try await connect()
        admin = connected
        return connected
    }

    /// Closes the connection.
    public func close() async {
        await admin?.close()
        admin = nil
    }
}
