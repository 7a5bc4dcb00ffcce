import BridgeCore
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// Autotask's limits shared by every process on one state (issue: fleet across hosts): real
/// `ticket-updater` processes against the sandbox's enforcement of Autotask's limits.
extension FleetOnBrokerTests {
    /// One round: `perRound` alerts' ticket commands handled by four ticket-updater processes
    /// started with `arguments`, until every command is done or (`untilDone` false) until the
    /// sandbox has seen no new Autotask request for two seconds. Returns the sandbox's report.
    private static func fourProcessRound(
        _ harness: FleetHarness, _ fleet: TicketFleet, poller: AlertPoller, tag: String, perRound: Int, arguments: [String],
        untilDone: Bool = true
    ) async throws -> (report: CallReport, references: [String]) {
        await fleet.sandbox.resetCalls()
        let (references, keys) = try await queueTicketCommands(fleet, poller: poller, count: perRound, tag: tag)
        let log = harness.directory.appendingPathComponent("ticket-updaters-\(tag).log")
        // A small prefetch, so every process has work at once instead of the first taking it all.
        let workers = try (1...4).map {
            try startTicketUpdater(
                harness, fleet: fleet, instance: "\(tag)-\($0)", log: log,
                arguments: ["--concurrency", "4", "--prefetch", "4", "--autotask-threads", "3"] + arguments)
        }
        defer {
            for worker in workers where worker.isRunning {
                kill(worker.processIdentifier, SIGKILL)
                worker.waitUntilExit()
            }
        }
        if untilDone {
            try await harness.eventually("\(tag): every ticket command handled", timeout: .seconds(240), poll: .milliseconds(200)) {
                for key in keys {
                    let entry = try await harness.store.inboxEntry(worker: WorkerKind.ticketUpdater.rawValue, idempotencyKey: key)
                    guard entry?.status == .done else { return false }
                }
                return true
            }
        } else {
            var last = -1
            var stableSince = ContinuousClock.now
            try await harness.eventually("\(tag): Autotask requests stop", timeout: .seconds(120), poll: .milliseconds(250)) {
                let now = Self.budgetedRequests(await fleet.sandbox.calls(.autotask))
                if now != last {
                    last = now
                    stableSince = .now
                }
                return now > 0 && ContinuousClock.now - stableSince > .seconds(2)
            }
        }
        for worker in workers {
            kill(worker.processIdentifier, SIGTERM)
            worker.waitUntilExit()
        }
        return (await fleet.sandbox.calls(.autotask), references)
    }

    /// Autotask requests that count toward the hourly limit (all but zone discovery).
    private static func budgetedRequests(_ report: CallReport) -> Int {
        report.calls.filter { !$0.key.hasSuffix("/zoneInformation") && !$0.key.hasSuffix("/versioninformation") }.values.reduce(0, +)
    }

    private static func autotaskLimitsFleet(_ harness: FleetHarness, limits: AutotaskLimits) async throws -> (TicketFleet, AlertPoller) {
        var latency = FaultSettings.none
        latency.latencyMs = 60
        latency.jitterMs = 20
        let fleet = try await TicketFleet.start(
            psa: .autotask, store: harness.store, catalog: harness.catalog,
            configuration: SandboxConfiguration(
                faults: [.autotask: latency], autotaskLimits: limits,
                world: .generate(companies: 4, tenants: 4, alerts: 0, seed: 31)),
            logger: harness.logger)
        try await fleet.apply(fleet.settingsYAML())
        for customer in fleet.customers { try await fleet.map(customer) }
        return (fleet, fleet.poller(bus: harness.bus, logger: harness.logger))
    }

    @Test("S3 on Autotask: four ticket-updater processes on one state keep to 3 requests in flight per endpoint together; without fleet limits the sandbox refuses their excess")
    func fourProcessesShareAutotaskThreads() async throws {
        let harness = try await FleetHarness.start()
        let (fleet, poller) = try await Self.autotaskLimitsFleet(
            harness, limits: AutotaskLimits(threadsPerEndpoint: 3, requestsPerHour: 1_000_000))

        let shared = try await Self.fourProcessRound(harness, fleet, poller: poller, tag: "shared", perRound: 120, arguments: [])
        let sharedRefused = shared.report.rejections["threadLimit"] ?? 0
        #expect(sharedRefused == 0, "the sandbox refused \(sharedRefused) requests over its 3 threads per endpoint")
        // Zone discovery is public and outside the limits (each process asks once at start).
        let limited = shared.report.maxConcurrency.filter { $0.key != "zoneInformation" && $0.key != "versioninformation" }
        #expect(!limited.isEmpty && limited.values.allSatisfy { $0 <= 3 }, "in flight at most: \(limited)")
        let counts = await Self.ticketCounts(fleet, shared.references)
        #expect(counts.once == shared.references.count && counts.duplicated == 0)

        // The same work with each process keeping the limits alone: four processes, up to 12 in flight.
        let alone = try await Self.fourProcessRound(
            harness, fleet, poller: poller, tag: "alone", perRound: 120, arguments: ["--no-autotask-fleet-limits"])
        let aloneRefused = alone.report.rejections["threadLimit"] ?? 0
        #expect(aloneRefused > 0, "without fleet limits the four processes should have gone over the endpoint's 3 threads")
        print(
            "fleet limits (Autotask, 4 processes): shared: \(Self.budgetedRequests(shared.report)) requests, "
                + "at most \(limited.values.max() ?? 0) in flight per endpoint, \(sharedRefused) refused; "
                + "alone: \(Self.budgetedRequests(alone.report)) requests, \(aloneRefused) refused by the thread limit")
        await fleet.stop()
        await harness.stop()
    }

    @Test("S3 on Autotask: four ticket-updater processes on one state spend one hourly budget together: the sandbox sees at most the budget, the rest is refused before it is sent")
    func fourProcessesShareTheHourlyBudget() async throws {
        let harness = try await FleetHarness.start()
        let (fleet, poller) = try await Self.autotaskLimitsFleet(
            harness, limits: AutotaskLimits(threadsPerEndpoint: 3, requestsPerHour: 1_000_000))
        let budget = 40

        let shared = try await Self.fourProcessRound(
            harness, fleet, poller: poller, tag: "budget", perRound: 60, arguments: ["--autotask-hourly-budget", String(budget)],
            untilDone: false)
        let sent = Self.budgetedRequests(shared.report)
        #expect(sent <= budget, "the four processes sent \(sent) requests with a fleet budget of \(budget)")
        #expect(sent >= budget - 4, "the budget should have been spent on requests (\(sent) of \(budget) sent)")
        #expect(try await harness.store.requestBudgetSpent(scope: StateRequestLimits.budgetScope, window: 3600) == budget)
        let refusedLog = try String(
            contentsOf: harness.directory.appendingPathComponent("ticket-updaters-budget.log"), encoding: .utf8)
        #expect(refusedLog.contains("shared by every process on this state, is spent"), "a refused request says why")
        // Each process keeping its budget alone: four budgets' worth may reach the PSA.
        let alone = try await Self.fourProcessRound(
            harness, fleet, poller: poller, tag: "budget-alone", perRound: 60,
            arguments: ["--autotask-hourly-budget", String(budget), "--no-autotask-fleet-limits"], untilDone: false)
        let sentAlone = Self.budgetedRequests(alone.report)
        #expect(sentAlone > budget, "without fleet limits the four processes should have sent more than one budget")
        print("fleet budget (Autotask, 4 processes): budget \(budget), \(sent) requests reached the sandbox; alone: \(sentAlone)")
        await fleet.stop()
        await harness.stop()
    }
}
