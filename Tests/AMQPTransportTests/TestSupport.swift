import BridgeTestSupport
import Foundation
import Logging
import Testing

@testable import AMQPTransport


/// The shared broker the project's test script starts (PSA_BRIDGE_TEST_AMQP_URL).
enum TestBroker {
    static let variable = "PSA_BRIDGE_TEST_AMQP_URL"

    static var logger: Logger {
        var logger = Logger(label: "amqp-transport-tests")
        logger.logLevel =
            ProcessInfo.processInfo.environment["PSA_BRIDGE_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
            ?? .error
        return logger
    }

    /// The configuration for the shared test broker, with quick reconnects.
    static func configuration(name: String) throws -> AMQPConfiguration {
        guard let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty else {
            throw TestFailure(
                "\(variable) is not set: the AMQP transport tests need a RabbitMQ broker. The project's test "
                    + "script starts one; by hand: deploy/local/broker.sh start /tmp/broker 5711 and export "
                    + "\(variable) to the URL it prints.")
        }
        var configuration = try AMQPConfiguration(url: url, connectionName: "psa-test.\(name)")
        configuration.connectTimeout = .seconds(5)
        configuration.reconnect = AMQPReconnectPolicy(initialDelay: .milliseconds(50), maximumDelay: .seconds(1))
        return configuration
    }

    /// A started connection to the shared test broker; fails the test naming the variable and URL
    /// when the broker cannot be reached.
    static func connect(_ name: String, topology: AMQPTopology = AMQPTopology()) async throws -> AMQPConnection {
        try await connect(configuration: configuration(name: name), topology: topology)
    }

    static func connect(configuration: AMQPConfiguration, topology: AMQPTopology = AMQPTopology()) async throws
        -> AMQPConnection
    {
        let connection = AMQPConnection(configuration: configuration, topology: topology, logger: logger)
        do {
            try await connection.start()
        } catch {
            throw TestFailure(
                "cannot use the RabbitMQ broker at \(configuration.redactedURL) (from \(variable)): \(error)")
        }
        return connection
    }
}

/// A name no other test (or earlier run) uses.
func uniqueName(_ label: String) -> String {
    "psa.test.\(label).\(UUID().uuidString.prefix(8).lowercased())"
}

/// A JSON-ish body for message `index`.
func body(_ index: Int, size: Int = 0) -> [UInt8] {
    var bytes = Array("{\"index\":\(index)}".utf8)
    if bytes.count < size { bytes += [UInt8](repeating: UInt8(ascii: " "), count: size - bytes.count) }
    return bytes
}

/// Takes `count` deliveries from `consumer`, acking each when `ack`, or fails after `timeout`.
func collect(
    _ consumer: AMQPConsumer, count: Int, ack: Bool = true, timeout: Duration = .seconds(30)
) async throws -> [AMQPDelivery] {
    try await withThrowingTaskGroup(of: [AMQPDelivery]?.self) { group in
        group.addTask {
            var deliveries: [AMQPDelivery] = []
            for await delivery in consumer {
                if ack { consumer.ack(delivery) }
                deliveries.append(delivery)
                if deliveries.count == count { break }
            }
            return deliveries
        }
        group.addTask {
            try await Task.sleep(for: timeout)
            return nil
        }
        let first = try await group.next()!
        group.cancelAll()
        guard let deliveries = first else {
            throw TestFailure("timed out after \(timeout) waiting for \(count) deliveries from \(consumer.queue)")
        }
        return deliveries
    }
}

/// Whether nothing arrives on `consumer` within `window` (the delivery, if any, is returned).
func nextDelivery(_ consumer: AMQPConsumer, within window: Duration) async -> AMQPDelivery? {
    await withTaskGroup(of: AMQPDelivery?.self) { group in
        group.addTask {
            var iterator = consumer.makeAsyncIterator()
            return await iterator.next()
        }
        group.addTask {
            try? await Task.sleep(for: window)
            return nil
        }
        let first = await group.next()!
        group.cancelAll()
        return first
    }
}

/// Polls `condition` until it holds or `timeout` passes.
func eventually(
    _ what: String, timeout: Duration = .seconds(20), _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw TestFailure("timed out after \(timeout) waiting until \(what)")
}

/// Ready messages in `queue` once the count settles (quorum queues apply acks asynchronously).
func readyCount(_ connection: AMQPConnection, _ queue: String, expecting expected: UInt32) async throws -> UInt32 {
    var last: UInt32 = 0
    let deadline = ContinuousClock.now + .seconds(10)
    while ContinuousClock.now < deadline {
        last = try await connection.queueStatus(queue).messageCount
        if last == expected { return last }
        try await Task.sleep(for: .milliseconds(50))
    }
    return last
}

/// Runs `body`, failing with a message if it takes longer than `limit`.
func withTimeout<T: Sendable>(
    _ limit: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        let first = try await group.next()!
        group.cancelAll()
        guard let value = first else { throw TestFailure("\(what) took longer than \(limit)") }
        return value
    }
}
