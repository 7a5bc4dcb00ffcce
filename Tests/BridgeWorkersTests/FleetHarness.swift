import BridgeCore
import BridgeState
import Foundation
import Logging
import BridgeTestSupport
import Testing

@testable import BridgeWorkers

/// A real broker (from `PSA_BRIDGE_TEST_AMQP_URL`, started by scripts/test.sh), a fresh state
/// file and the real schemas, for tests that run the worker pipeline end to end.
struct FleetHarness {
    let bus: AMQPMessageBus
    let store: StateStore
    let catalog: SchemaCatalog
    let directory: URL
    let logger: Logger

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Connects to the test broker, declares the topology and empties the fleet's queues.
    /// Fails (never skips) with the reason when the broker is not there.
    /// - Parameter amqpURL: another broker than the shared test broker (a ``PrivateBroker`` a test
    ///   stops and starts).
    static func start(amqpURL: String? = nil) async throws -> FleetHarness {
        guard let url = amqpURL ?? ProcessInfo.processInfo.environment["PSA_BRIDGE_TEST_AMQP_URL"], !url.isEmpty else {
            throw HarnessError(
                "PSA_BRIDGE_TEST_AMQP_URL is not set: run the tests with scripts/test.sh, which starts a private RabbitMQ node")
        }
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let bus: AMQPMessageBus
        do {
            bus = try await AMQPMessageBus.connect(url: url, name: "worker-tests", logger: logger)
        } catch {
            throw HarnessError("cannot reach the test broker named by PSA_BRIDGE_TEST_AMQP_URL: \(error)")
        }
        for queue in FleetTopology().queues { _ = try await bus.purge(queue.name) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bridge-workers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try StateStore(location: TestState.location(forPath: directory.appendingPathComponent("state.sqlite").path))
        let catalog = try SchemaCatalog(directory: repositoryRoot.appendingPathComponent("schemas"))
        return FleetHarness(bus: bus, store: store, catalog: catalog, directory: directory, logger: logger)
    }

    func processor(_ worker: WorkerKind, handler: any MessageHandler) -> DeliveryProcessor {
        DeliveryProcessor(
            worker: worker, instance: "test", decoder: MessageDecoder(catalog: catalog), store: store, bus: bus,
            retryPolicy: RetryPolicy(), handler: handler, logger: logger, metrics: WorkerMetrics(worker: worker))
    }

    /// Waits until `condition` holds, polling, or fails after `timeout`.
    func eventually(
        _ what: String, timeout: Duration = .seconds(20), poll: Duration = .milliseconds(100),
        _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: poll)
        }
        throw HarnessError("timed out waiting for: \(what)")
    }

    /// Waits until `value` returns non-nil, polling, or fails after `timeout`.
    func eventuallyValue<T>(
        _ what: String, timeout: Duration = .seconds(20), _ value: () async throws -> T?
    ) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let result = try await value() { return result }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HarnessError("timed out waiting for: \(what)")
    }

    func depth(_ queue: String) async throws -> Int { try await bus.queueStatus(queue).messages }

    func stop() async {
        await bus.close()
        try? store.close()
        try? FileManager.default.removeItem(at: directory)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A handler that records what it handled and fails on demand.
actor RecordingHandler: MessageHandler {
    enum Mode { case succeed, failPermanently, failTransientlyOnce }
    private(set) var handled: [String: Int] = [:]
    private(set) var calls = 0
    var mode: Mode = .succeed

    func set(_ mode: Mode) { self.mode = mode }

    func count(_ key: String) -> Int { handled[key] ?? 0 }

    func handle(_ message: Message, context: HandlerContext) async throws {
        calls += 1
        switch mode {
        case .succeed:
            handled[message.idempotencyKey, default: 0] += 1
        case .failPermanently:
            throw HandlerFailure.permanent("the test handler refuses this message")
        case .failTransientlyOnce:
            mode = .succeed
            throw HandlerFailure.transient("the test handler fails once")
        }
    }
}
