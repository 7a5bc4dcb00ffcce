import APIClients
import BridgeCore
import BridgeTestSupport
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// The fleet spread over two simulated hosts on one PostgreSQL state: each host's worker
/// processes run in a folder of their own, sharing the broker and the database.
extension FleetOnBrokerTests {
    @Test(
        "S4, T4 on Autotask and PostgreSQL, two simulated hosts: 10,000 alerts while the hosts' ticket-updaters are SIGKILLed and restarted and the broker is stopped and started once: every alert has exactly one ticket, none lost, and the consumers are back within 10 s of the broker",
        .enabled(if: TestState.isPostgres, "a fleet across hosts needs the shared database: runs in the suite's PostgreSQL pass"))
    func fleetAcrossTwoHostsSurvivesKillsAndABrokerRestart() async throws {
        let broker = try PrivateBroker()
        let url = try await broker.start()
        let harness = try await FleetHarness.start(amqpURL: url)
        let fleet = try await TicketFleet.start(
            psa: .autotask, store: harness.store, catalog: harness.catalog,
            configuration: SandboxConfiguration(world: .generate(companies: 20, tenants: 20, alerts: 0, seed: 61)),
            logger: harness.logger)
        var limits = AutotaskLimits.standard
        limits.requestsPerHour = 1_000_000  // 10,000 tickets are one hour's budget: not what this test is about
        await fleet.sandbox.setAutotaskLimits(limits)
        var workers: [String: Process] = [:]
        func stopAll(_ signal: Int32) {
            for worker in workers.values where worker.isRunning {
                kill(worker.processIdentifier, signal)
                worker.waitUntilExit()
            }
        }
        do {
            try await fleet.apply(fleet.settingsYAML())
            for customer in fleet.customers { try await fleet.map(customer) }
            let alerts = 10_000
            let poller = fleet.poller(bus: harness.bus, logger: harness.logger)
            let (references, keys) = try await Self.queueTicketCommands(fleet, poller: poller, count: alerts, tag: "F")
            #expect(Set(keys).count == alerts)

            // Two hosts, two ticket-updaters each, every process in its host's folder.
            let hosts = try (1...2).map { host -> URL in
                let folder = harness.directory.appendingPathComponent("host-\(host)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                return folder
            }
            let names = ["h1-1", "h1-2", "h2-1", "h2-2"]
            func start(_ name: String) throws {
                let folder = hosts[name.hasPrefix("h1") ? 0 : 1]
                workers[name] = try Self.startTicketUpdater(
                    harness, fleet: fleet, instance: name, log: folder.appendingPathComponent("ticket-updater-\(name).log"),
                    arguments: ["--autotask-threads", "3", "--autotask-hourly-budget", "1000000"], amqpURL: url,
                    directory: folder)
            }
            for name in names { try start(name) }
            func ticketsWritten() async -> Int { await fleet.sandbox.state.records(AutotaskWorld.Table.Tickets).count }

            // Three rounds: once a random further share is written, two random processes are
            // killed and started again; after the first round the broker is stopped and started.
            var generator = SystemRandomNumberGenerator()
            var killedAt: [Int] = []
            var resumedIn: Duration = .zero
            for round in 0..<3 {
                let target = min(await ticketsWritten() + Int.random(in: 500...1_500, using: &generator), alerts - 1)
                try await harness.eventually("round \(round): \(target) tickets written", timeout: .seconds(240), poll: .milliseconds(20)) {
                    await ticketsWritten() >= target
                }
                let victims = names.shuffled(using: &generator).prefix(2)
                for name in victims {
                    if let worker = workers[name] {
                        kill(worker.processIdentifier, SIGKILL)
                        worker.waitUntilExit()
                    }
                }
                killedAt.append(await ticketsWritten())
                for name in victims { try start(name) }
                if round == 0 {
                    try await broker.stop()
                    for worker in workers.values { #expect(worker.isRunning, "a worker outlives its broker going away") }
                    try await broker.start()
                    let back = ContinuousClock.now
                    try await harness.eventually("all four consuming again", timeout: .seconds(60), poll: .milliseconds(100)) {
                        (try? await harness.bus.queueStatus(WorkQueue.ticketUpdaterWork.name).consumers) == names.count
                    }
                    resumedIn = ContinuousClock.now - back
                }
            }
            #expect((killedAt.last ?? alerts) < alerts, "the kills happened while work remained: \(killedAt)")
            #expect(resumedIn < .seconds(10), "consumers resumed \(resumedIn) after the broker was back")

            // Held messages come back after the 3 s leases; the four finish everything.
            try await harness.eventually("every command handled", timeout: .seconds(600), poll: .seconds(1)) {
                try await harness.store.inboxCounts(worker: WorkerKind.ticketUpdater.rawValue, since: .distantPast)[.done] == alerts
            }
            let tickets = await fleet.sandbox.state.records(AutotaskWorld.Table.Tickets)
            let perReference = Dictionary(grouping: tickets.compactMap { $0["externalID"]?.stringValue }, by: { $0 }).mapValues(\.count)
            let missing = references.filter { perReference[$0] == nil }.count
            let duplicated = perReference.values.filter { $0 > 1 }.count
            #expect(missing == 0, "\(missing) alerts without a ticket")
            #expect(duplicated == 0, "\(duplicated) alerts with more than one ticket")
            #expect(tickets.count == alerts)
            #expect(try await harness.store.ticketLinkCount() == alerts)
            #expect(try await harness.depth(WorkQueue.ticketUpdaterWork.deadLetterQueue) == 0, "nothing dead-lettered")
            let heartbeats = Set(try await harness.store.workerHeartbeats().map(\.instanceId))
            #expect(heartbeats.isSuperset(of: names), "every instance of both hosts recorded its heartbeat: \(heartbeats)")
            print(
                "fleet across hosts (PostgreSQL, 2 hosts x 2 ticket-updaters): \(alerts) alerts, tickets after each kill \(killedAt), broker restarted once, consumers back in \(resumedIn), \(tickets.count) tickets, 0 lost (\(missing) missing), \(duplicated) duplicated"
            )
            stopAll(SIGTERM)
        } catch {
            stopAll(SIGKILL)
            await fleet.stop()
            await harness.stop()
            try? await broker.stop()
            await broker.destroy()
            throw error
        }
        await fleet.stop()
        await harness.stop()
        try? await broker.stop()
        await broker.destroy()
    }
}
