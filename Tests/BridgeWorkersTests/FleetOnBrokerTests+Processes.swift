import BridgeCore
import BridgeTestSupport
import Foundation
import Testing

@testable import BridgeWorkers

/// Real worker processes (built worker executables) against the test broker.
extension FleetOnBrokerTests {
    /// The directory of the built executables: the test bundle is built next to them.
    static func executable(_ name: String) throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        if directory.lastPathComponent == "MacOS" || directory.path.hasSuffix(".xctest/Contents") {
            directory = directory.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        }
        let url = directory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw HarnessError("\(url.path) is not built: run `swift build --build-tests` (scripts/test.sh does)")
        }
        return url
    }

    /// Starts a usage-reporter process on the harness's broker and state file (with the jobs off
    /// it skips what it handles and records it done, see ``usageMessage(index:)``).
    static func startWorker(_ harness: FleetHarness, instance: String, log: URL, metricsPort: Int? = nil) throws -> Process {
        let process = Process()
        process.executableURL = try executable("usage-reporter")
        process.arguments =
            ["--instance", instance, "--message-lease", "3", "--prefetch", "50", "--concurrency", "8"]
            + (metricsPort.map { ["--metrics-port", String($0)] } ?? [])
        var environment = ProcessInfo.processInfo.environment
        environment["PSA_BRIDGE_AMQP_URL"] = environment["PSA_BRIDGE_TEST_AMQP_URL"]
        environment["PSA_BRIDGE_DB"] = harness.store.location.description
        environment["PSA_BRIDGE_SCHEMAS"] = FleetHarness.repositoryRoot.appendingPathComponent("schemas").path
        environment["PSA_BRIDGE_LOG_LEVEL"] = "warning"
        process.environment = environment
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    @Test("S4: worker processes killed with SIGKILL while holding unacknowledged messages lose none and handle each once")
    func sigkillLosesNothing() async throws {
        let harness = try await FleetHarness.start()
        try await harness.applyJobsOffSettings()
        let count = 1500
        let messages = (0..<count).map { Self.usageMessage(index: $0) }
        try await harness.bus.publish(messages.map(OutboundMessage.init))
        let log = harness.directory.appendingPathComponent("workers.log")
        var generator = SystemRandomNumberGenerator()
        let worker = WorkerKind.usageReporter.rawValue

        // Kill two competing workers at random moments while they work, three times over.
        var progress: [Int] = []
        for round in 0..<3 {
            let before = try await harness.doneCount(worker: worker)
            let workers = try (1...2).map { try Self.startWorker(harness, instance: "\(round)-\($0)", log: log) }
            try await harness.eventually("round \(round) workers making progress", timeout: .seconds(30)) {
                try await harness.doneCount(worker: worker) > before
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 50...300, using: &generator)))
            for worker in workers {
                kill(worker.processIdentifier, SIGKILL)
                worker.waitUntilExit()
            }
            progress.append(try await harness.doneCount(worker: worker))
        }
        #expect(progress.last ?? count < count, "the kills happened while work remained (handled after each round: \(progress))")
        // Then let one finish the work.
        let survivor = try Self.startWorker(harness, instance: "final", log: log)
        defer {
            if survivor.isRunning {
                kill(survivor.processIdentifier, SIGKILL)
                survivor.waitUntilExit()
            }
        }
        // Messages held by a killed worker come back after its claim's lease (3 s here).
        let keys = messages.map(\.idempotencyKey)
        try await harness.eventually("every message handled by the usage-reporter", timeout: .seconds(120)) {
            try await harness.doneCount(worker: worker) >= count
        }
        #expect(try await harness.handled(keys, worker: worker) == count, "every message handled")
        #expect(try await harness.doneCount(worker: worker) == count, "each once: no message recorded twice")
        let dead = try await harness.depth(WorkQueue.usageReporterWork.deadLetterQueue)
        #expect(dead == 0, "nothing dead-lettered")
        #expect(try await harness.depth(WorkQueue.usageReporterWork.name) == 0, "nothing left in the queue")
        print("sigkill test: \(count) messages, handled after each kill round \(progress), 0 lost")
        kill(survivor.processIdentifier, SIGTERM)
        survivor.waitUntilExit()
        await harness.stop()
    }

    @Test("S4: on SIGTERM a worker stops taking messages, settles what it holds and exits 0")
    func sigtermDrains() async throws {
        let harness = try await FleetHarness.start()
        try await harness.applyJobsOffSettings()
        let count = 300
        let messages = (0..<count).map { Self.usageMessage(index: 20_000 + $0) }
        try await harness.bus.publish(messages.map(OutboundMessage.init))
        let port = try freePort()
        let process = try Self.startWorker(
            harness, instance: "drain", log: harness.directory.appendingPathComponent("drain.log"), metricsPort: port)
        let worker = WorkerKind.usageReporter.rawValue
        try await harness.eventually("the worker started handling") { try await harness.doneCount(worker: worker) > 0 }

        // Its /health and /metrics answer while it works.
        let health = try await HTTPGet.fetch("http://127.0.0.1:\(port)/health")
        #expect(health.status == 200)
        #expect(health.body.contains(#""brokerConnected":true"#))
        let metrics = try await HTTPGet.fetch("http://127.0.0.1:\(port)/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains(#"bridge_messages_consumed_total{worker="usage-reporter"}"#))
        #expect(metrics.body.contains("bridge_handler_duration_seconds_bucket"))

        kill(process.processIdentifier, SIGTERM)
        let exited = try await harness.eventuallyValue("the worker exits", timeout: .seconds(45)) {
            process.isRunning ? nil : process.terminationStatus
        }
        #expect(exited == 0)
        try await Task.sleep(for: .seconds(1))
        // Nothing held is lost: every message is either handled (done in the inbox) or back in the queue.
        let remaining = try await harness.depth(WorkQueue.usageReporterWork.name)
        let handled = try await harness.doneCount(worker: worker)
        #expect(remaining + handled == count, "handled \(handled) + remaining \(remaining) = \(count)")
        await harness.stop()
    }
}
