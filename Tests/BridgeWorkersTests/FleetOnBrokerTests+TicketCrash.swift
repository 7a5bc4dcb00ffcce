import BridgeCore
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// Real `ticket-updater` processes killed with SIGKILL while they write tickets.
extension FleetOnBrokerTests {
    /// Starts a ticket-updater process on the harness's broker and state file, with the test
    /// secrets in its environment and short leases so a killed holder's work is retaken quickly.
    /// - Parameters:
    ///   - without: test secrets' variables left out of the environment.
    ///   - metricsPort: the port of /metrics and /health (a free one when nil).
    ///   - worker: the executable, `ticket-updater` unless another worker of the job is meant.
    ///   - amqpURL: another broker than the shared test broker.
    ///   - directory: the working directory (a simulated host's folder).
    static func startTicketUpdater(
        _ harness: FleetHarness, fleet: TicketFleet, instance: String, log: URL, without: Set<String> = [],
        metricsPort: Int? = nil, worker: String = "ticket-updater", arguments: [String] = [], amqpURL: String? = nil,
        directory: URL? = nil
    ) throws -> Process {
        let process = Process()
        process.executableURL = try executable(worker)
        process.arguments =
            ["--instance", instance, "--message-lease", "3", "--prefetch", "50", "--concurrency", "8"]
            + (worker == "ticket-updater" && !arguments.contains("--autotask-threads") ? ["--autotask-threads", "1"] : [])
            + (metricsPort.map { ["--metrics-port", String($0)] } ?? []) + arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["PSA_BRIDGE_AMQP_URL"] = amqpURL ?? environment["PSA_BRIDGE_TEST_AMQP_URL"]
        environment["PSA_BRIDGE_DB"] = harness.store.location.description
        environment["PSA_BRIDGE_SCHEMAS"] = FleetHarness.repositoryRoot.appendingPathComponent("schemas").path
        environment["PSA_BRIDGE_LOG_LEVEL"] = "warning"
        environment[APIClientPool.autotaskDiscoveryVariable] = fleet.sandbox.autotaskURL.absoluteString + "/atservicesrest"
        for (name, value) in TicketFleet.environment where !without.contains(name) { environment[name] = value }
        for name in without { environment[name] = nil }
        process.environment = environment
        if !FileManager.default.fileExists(atPath: log.path) { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    @Test(
        "T4, S4: ticket-updater processes killed with SIGKILL at random moments during a burst of alerts: after a restart every alert has exactly one ticket, none missing",
        arguments: [PSAKind.connectWise, .autotask])
    func sigkilledTicketUpdatersCreateEachTicketOnce(psa: PSAKind) async throws {
        let harness = try await FleetHarness.start()
        var faults: [SandboxAPI: FaultSettings] = [:]
        var latency = FaultSettings.none
        latency.latencyMs = 15
        latency.jitterMs = 10
        faults[psa == .connectWise ? .connectWise : .autotask] = latency
        let fleet = try await TicketFleet.start(
            psa: psa, store: harness.store, catalog: harness.catalog,
            configuration: SandboxConfiguration(
                faults: faults, world: .generate(companies: 4, tenants: 4, alerts: 0, seed: 23)),
            logger: harness.logger)
        try await fleet.apply(fleet.settingsYAML())
        for customer in fleet.customers { try await fleet.map(customer) }
        let poller = fleet.poller(bus: harness.bus, logger: harness.logger)
        let log = harness.directory.appendingPathComponent("ticket-updaters.log")
        var generator = SystemRandomNumberGenerator()
        let perBurst = 80
        var references: [String] = []
        var published: [String] = []

        /// Raises a burst of alerts, each on its own resource, and publishes their commands.
        func burst(_ round: Int) async throws {
            let (queued, keys) = try await Self.queueTicketCommands(fleet, poller: poller, count: perBurst, tag: "R\(round)")
            references += queued
            published += keys
        }
        func ticketsWritten() async -> Int {
            var count = 0
            for reference in references { count += await fleet.tickets(reference).count }
            return count
        }

        // Three rounds: a burst, two competing workers, killed at a random moment while they write.
        var killedAt: [Int] = []
        for round in 0..<3 {
            try await burst(round)
            let before = await ticketsWritten()
            let workers = try (1...2).map {
                try Self.startTicketUpdater(harness, fleet: fleet, instance: "crash-\(round)-\($0)", log: log)
            }
            // Killed once a random share (up to half) of the burst is written: mid-work on any machine.
            let target = before + Int.random(in: 1...(perBurst / 2), using: &generator)
            try await harness.eventually("round \(round): \(target) tickets written", timeout: .seconds(60), poll: .milliseconds(5)) {
                await ticketsWritten() >= target
            }
            for worker in workers {
                kill(worker.processIdentifier, SIGKILL)
                worker.waitUntilExit()
            }
            killedAt.append(await ticketsWritten())
        }
        #expect(killedAt.last ?? 0 < references.count, "the kills happened while work remained (tickets after each kill: \(killedAt))")

        // Restart: one worker finishes everything (held messages come back after the 3 s leases).
        let survivor = try Self.startTicketUpdater(harness, fleet: fleet, instance: "survivor", log: log)
        defer {
            if survivor.isRunning {
                kill(survivor.processIdentifier, SIGKILL)
                survivor.waitUntilExit()
            }
        }
        try await harness.eventually("every command handled", timeout: .seconds(180)) {
            for key in published {
                let entry = try await harness.store.inboxEntry(worker: WorkerKind.ticketUpdater.rawValue, idempotencyKey: key)
                guard entry?.status == .done else { return false }
            }
            return true
        }
        var missing = 0
        var duplicated = 0
        for reference in references {
            let count = await fleet.tickets(reference).count
            if count == 0 { missing += 1 }
            if count > 1 { duplicated += 1 }
        }
        #expect(missing == 0, "\(missing) alerts without a ticket")
        #expect(duplicated == 0, "\(duplicated) alerts with more than one ticket")
        #expect(try await harness.store.ticketLinkCount() == references.count)
        let found = try await harness.store.auditEntries(targetSystem: psa.rawValue, limit: 10_000).filter {
            $0.entry.action == "ticket.create" && String(decoding: $0.entry.after ?? Data(), as: UTF8.self).contains("\"foundAfterLostOutcome\":true")
        }.count
        print("ticket crash test (\(psa.rawValue)): \(references.count) alerts, tickets after each kill \(killedAt), \(found) creates found after a lost outcome, 0 missing, 0 duplicated")
        kill(survivor.processIdentifier, SIGTERM)
        survivor.waitUntilExit()
        await fleet.stop()
        await harness.stop()
    }
}
