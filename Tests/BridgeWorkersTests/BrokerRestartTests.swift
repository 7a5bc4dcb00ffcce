import BridgeCore
import BridgeState
import BridgeTestSupport
import Foundation
import Logging
import Testing

@testable import BridgeWorkers

/// A worker process whose broker is stopped and started again under it. Uses a private RabbitMQ
/// node of its own, so it runs beside the tests that share the test broker.
@Suite("Worker across a broker restart")
struct BrokerRestartTests {
    @Test("S4: the broker restarted under a running worker: it reconnects and carries on, nothing lost")
    func workerSurvivesBrokerRestart() async throws {
        let broker = try PrivateBroker()
        defer { Task { await broker.destroy() } }
        let url = try await broker.start()
        var logger = Logger(label: "broker-restart-test")
        logger.logLevel = .error
        let bus = try await AMQPMessageBus.connect(url: url, name: "restart-test", logger: logger)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("restart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try StateStore(location: TestState.location(forPath: directory.appendingPathComponent("state.sqlite").path))
        try await FleetHarness.applyJobsOffSettings(
            store: store, catalog: try SchemaCatalog(directory: FleetHarness.repositoryRoot.appendingPathComponent("schemas")))

        let worker = Process()
        worker.executableURL = try FleetOnBrokerTests.executable("usage-reporter")
        worker.arguments = ["--instance", "restart", "--message-lease", "3"]
        var environment = ProcessInfo.processInfo.environment
        environment["PSA_BRIDGE_AMQP_URL"] = url
        environment["PSA_BRIDGE_DB"] = store.location.description
        environment["PSA_BRIDGE_SCHEMAS"] = FleetHarness.repositoryRoot.appendingPathComponent("schemas").path
        environment["PSA_BRIDGE_LOG_LEVEL"] = "warning"
        worker.environment = environment
        let log = directory.appendingPathComponent("worker.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        worker.standardError = try FileHandle(forWritingTo: log)
        worker.standardOutput = worker.standardError
        try worker.run()
        defer {
            if worker.isRunning {
                kill(worker.processIdentifier, SIGKILL)
                worker.waitUntilExit()
            }
        }

        // With the jobs off the worker skips each message and records it done in its inbox.
        func depth() async -> Int { (try? await store.inboxCounts(worker: WorkerKind.usageReporter.rawValue, since: .distantPast)[.done]) ?? -1 }
        func waitFor(_ what: String, _ condition: () async -> Bool) async throws {
            let deadline = ContinuousClock.now + .seconds(90)
            while ContinuousClock.now < deadline {
                if await condition() { return }
                try await Task.sleep(for: .milliseconds(200))
            }
            throw TestFailure("timed out waiting for \(what); worker log: \(log.path)")
        }
        func batch(_ base: Int) -> [Message] {
            (0..<100).map { FleetOnBrokerTests.usageMessage(index: base + $0) }
        }

        try await bus.publish(batch(1000).map(OutboundMessage.init))
        try await waitFor("the first 100 handled") { await depth() == 100 }

        try await broker.stop()
        #expect(worker.isRunning, "the worker survives the broker going away")
        try await broker.start()

        // Both the worker and the test's own bus reconnect by themselves.
        var published = false
        let deadline = ContinuousClock.now + .seconds(60)
        while !published && ContinuousClock.now < deadline {
            do {
                try await bus.publish(batch(2000).map(OutboundMessage.init))
                published = true
            } catch {
                try await Task.sleep(for: .milliseconds(500))
            }
        }
        #expect(published, "publishing works again after the restart")
        try await waitFor("all 200 handled after the restart") { await depth() == 200 }
        #expect(worker.isRunning)
        try await waitFor("the worker consuming again") {
            (try? await bus.queueStatus(WorkQueue.usageReporterWork.name).consumers) == 1
        }

        kill(worker.processIdentifier, SIGTERM)
        worker.waitUntilExit()
        #expect(worker.terminationStatus == 0)
        await bus.close()
        try? store.close()
    }

    @Test("S3, S4: retries that fall due while the broker is away wait in the state and reach their queue once it is back, each once")
    func deferredRetriesSurviveBrokerRestart() async throws {
        let broker = try PrivateBroker()
        defer { Task { await broker.destroy() } }
        let url = try await broker.start()
        var logger = Logger(label: "deferred-relay-test")
        logger.logLevel = .critical
        let bus = try await AMQPMessageBus.connect(url: url, name: "relay-test", logger: logger)
        try await bus.declare(FleetTopology())
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("relay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try StateStore(location: TestState.location(forPath: directory.appendingPathComponent("state.sqlite").path))
        let queue = WorkQueue.usageReporterWork
        let messages = (0..<50).map { FleetOnBrokerTests.usageMessage(index: 7000 + $0) }
        for message in messages {
            try await store.deferMessage(
                queue: queue.name, messageId: message.messageId.uuidString.lowercased(),
                headers: DeferredRelay.json(fromHeaders: [BridgeHeaders.attempt: .int(2)]),
                body: MessageEncoder().encode(message), delay: 1, deferredBy: "usage-reporter@test")
        }
        try await broker.stop()
        let relay = Task {
            await DeferredRelay(queues: [queue], store: store, bus: bus, logger: logger, pollInterval: .milliseconds(200)).run()
        }
        defer { relay.cancel() }
        // Due while the broker is away: the relay cannot publish, so the rows stay.
        try await Task.sleep(for: .seconds(3))
        #expect(try await store.deferredMessages().count == 50, "nothing is forgotten while the broker is away")
        try await broker.start()
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, !(try await store.deferredMessages().isEmpty) {
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(try await store.deferredMessages().isEmpty, "every deferred message relayed once the broker is back")
        // The work queue holds each message once, with the attempt it was deferred with. (The
        // test's consuming connection may still be reconnecting: wait until it answers.)
        let ready = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < ready, (try? await bus.queueStatus(queue.name).messages) != 50 {
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(try await bus.queueStatus(queue.name).messages == 50)
        var seen: [String: Int] = [:]
        while let delivery = try await bus.get(queue.name) {
            seen[delivery.messageId ?? "", default: 0] += 1
            #expect(delivery.headers[BridgeHeaders.attempt]?.intValue == 2)
            await delivery.ack()
        }
        #expect(Set(seen.keys) == Set(messages.map { $0.messageId.uuidString.lowercased() }))
        #expect(seen.values.allSatisfy { $0 == 1 }, "each once")
        relay.cancel()
        await bus.close()
        try? store.close()
    }
}
