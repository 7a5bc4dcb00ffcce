import APIClients
import BridgeCore
import BridgeRules
import BridgeTestSupport
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// The whole fleet spread over two simulated hosts on one PostgreSQL state, all three jobs at
/// once, with workers killed and the broker restarted under it.
extension FleetOnBrokerTests {
    @Test(
        "S4, T4, P4, B8 on Autotask and PostgreSQL, two simulated hosts: 10,000 alerts, 500 new customers and 1,000 tenants' usage at once while random workers of both hosts are SIGKILLed and restarted and the broker is stopped and started once: none lost, no duplicate ticket, exactly 500 tenants, adjustments equal changes, consumers back within 10 s",
        .enabled(if: TestState.isPostgres, "a fleet across hosts needs the shared database: runs in the suite's PostgreSQL pass"))
    func fleetCrashAcrossTwoHosts() async throws {
        let broker = try PrivateBroker()
        let url = try await broker.start()
        let billing = try await BillingFleet.start(psa: .autotask, companies: 1_800, tenants: 1_000, seed: 71, amqpURL: url)
        let job = billing.job
        let fleet = billing.fleet
        let harness = billing.harness
        var limits = AutotaskLimits.standard
        limits.requestsPerHour = 10_000_000  // the hourly budget is not what this test is about
        await fleet.sandbox.setAutotaskLimits(limits)
        var workers: [String: Process] = [:]
        func stopAll(_ signal: Int32) {
            for worker in workers.values where worker.isRunning {
                kill(worker.processIdentifier, signal)
                worker.waitUntilExit()
            }
        }
        do {
            // Settings: tickets, automatic customers, billing of the current month.
            try await billing.apply(
                job.settingsYAML(
                    provisioning: ProvisioningFleet.adminFromCompanyName + "\n  autoCreateCustomers: true",
                    extra: "usagePeriod: {mode: current-month, startDay: 1}", tickets: true))
            let customers = Array(fleet.customers.prefix(1_000))
            try #require(customers.count >= 900, "the generated world pairs most companies with a tenant (\(customers.count))")
            for customer in customers { try await fleet.map(customer) }
            let settings = try await fleet.settingsCache.required().settings

            // Exactly 500 companies gain a tenant: those past the first 500 of the companies the
            // plan gives a new tenant to are made inactive (out of scope, P1).
            func planned() async throws -> Set<String> { try await job.companiesPlannedForNewTenant(settings) }
            let eligible = try await planned().sorted { Int($0)! < Int($1)! }
            try #require(eligible.count >= 500, "the generated world has 500 companies to provision (\(eligible.count))")
            let extras = Set(eligible.dropFirst(500))
            try await SandboxWorldEdit.records(fleet, "autotask", "Companies") { company in
                if let id = company["id"]?.intValue, extras.contains(String(id)) { company["isActive"] = false }
            }
            await job.handler.provider.invalidate()
            let expected = try await planned()
            try #require(expected.count == 500, "500 companies planned for a new tenant (\(expected.count))")

            // Usage: every mapped customer's contracts pay as they go, with usage on each product.
            try await billing.payAsYouGoWithRandomUsage(customers)
            var generator = SystemRandomNumberGenerator()
            let billingJob = try await billing.billingJob()
            let usagePlan = try await billing.handler.preview(billingJob)
            let changes = usagePlan.flatMap(\.plan.changes)
            let companiesToWrite = Set(usagePlan.filter { !$0.plan.changes.isEmpty }.map(\.entry.mapping.companyId))
            try #require(changes.count >= 1_000, "the usage of 1,000 tenants changes (\(changes.count) contract services)")

            // Alerts: 10,000, each on its own resource, polled into ticket commands.
            let alerts = 10_000
            let poller = fleet.poller(bus: harness.bus, logger: harness.logger)
            let (references, keys) = try await Self.queueTicketCommands(fleet, poller: poller, count: alerts, tag: "F")
            #expect(Set(keys).count == alerts)

            // From here on only the processes work: the test's own consumers stop.
            billing.running.cancel()
            job.running.cancel()
            _ = try? await billing.running.value
            _ = try? await job.running.value
            let adjustmentsBefore = await Self.adjustmentCount(fleet)
            print(
                "fleet crash test: \(alerts) ticket commands, \(expected.count) customers to create, \(changes.count) contract services of \(companiesToWrite.count) companies to adjust"
            )

            // Two hosts, each with a ticket-updater, a provisioner and a usage-reporter, every
            // process in its host's folder; the fleet's Autotask limits are shared through the state.
            let hosts = try (1...2).map { host -> URL in
                let folder = harness.directory.appendingPathComponent("host-\(host)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                return folder
            }
            let kinds = ["ticket-updater", "provisioner", "usage-reporter"]
            let names = (1...2).flatMap { host in kinds.map { "\($0)@h\(host)" } }
            func start(_ name: String) throws {
                let kind = String(name.prefix { $0 != "@" })
                let host = name.hasSuffix("h1") ? 0 : 1
                workers[name] = try Self.startTicketUpdater(
                    harness, fleet: fleet, instance: "h\(host + 1)", log: hosts[host].appendingPathComponent("\(kind).log"),
                    worker: kind, arguments: ["--autotask-threads", "3", "--autotask-hourly-budget", "10000000"], amqpURL: url,
                    directory: hosts[host])
            }
            for name in names { try start(name) }
            let tick = Message.syncTick(
                Envelope(payload: SyncTick(slot: job.clock.nextSlot(), intervalSeconds: 900, source: .schedule, emitter: "test")))
            try await harness.bus.publish([OutboundMessage(tick)])

            func customerTenants() async -> [String: Int] {
                var counts: [String: Int] = [:]
                for tenant in await job.tenants() {
                    if let id = tenant["customer_id"]?.stringValue { counts[id, default: 0] += 1 }
                }
                return counts
            }
            func progress() async -> (tickets: Int, tenants: Int, adjustments: Int) {
                (
                    await fleet.sandbox.state.records(AutotaskWorld.Table.Tickets).count,
                    await customerTenants().filter { expected.contains($0.key) }.count,
                    await Self.adjustmentCount(fleet) - adjustmentsBefore
                )
            }

            // Three rounds: once more work is done, two to three random processes are killed and
            // started again; after the first round the broker is stopped and started.
            var killed: [(String, Int, Int, Int)] = []
            var resumedIn: Duration = .zero
            for round in 0..<3 {
                let before = await progress()
                let target = min(before.tickets + Int.random(in: 300...1_200, using: &generator), alerts - 1)
                try await harness.eventually("round \(round): \(target) tickets written", timeout: .seconds(300), poll: .milliseconds(20)) {
                    await progress().tickets >= target
                }
                let victims = names.shuffled(using: &generator).prefix(Int.random(in: 2...3, using: &generator))
                for name in victims {
                    if let worker = workers[name] {
                        kill(worker.processIdentifier, SIGKILL)
                        worker.waitUntilExit()
                    }
                }
                let at = await progress()
                killed.append((victims.joined(separator: "+"), at.tickets, at.tenants, at.adjustments))
                for name in victims { try start(name) }
                if round == 0 {
                    try await broker.stop()
                    for worker in workers.values { #expect(worker.isRunning, "a worker outlives its broker going away") }
                    try await broker.start()
                    let back = ContinuousClock.now
                    try await harness.eventually("every worker consuming again", timeout: .seconds(60), poll: .milliseconds(100)) {
                        for queue in [WorkQueue.ticketUpdaterWork, .provisionerWork, .usageReporterWork] {
                            guard (try? await harness.bus.queueStatus(queue.name).consumers) == 2 else { return false }
                        }
                        return true
                    }
                    resumedIn = ContinuousClock.now - back
                }
            }
            #expect(resumedIn < .seconds(10), "consumers resumed \(resumedIn) after the broker was back")

            // The survivors finish: held messages come back after the 3 s leases.
            try await harness.eventually("every ticket command handled", timeout: .seconds(600), poll: .seconds(1)) {
                try await harness.store.inboxCounts(worker: WorkerKind.ticketUpdater.rawValue, since: .distantPast)[.done] == alerts
            }
            try await harness.eventually("every planned company mapped", timeout: .seconds(300), poll: .seconds(1)) {
                let mapped = try await harness.store.companyMappings(psa: .autotask, status: .mapped)
                return Set(mapped.map(\.companyId)).isSuperset(of: expected)
            }
            do {
                try await harness.eventually("every contract service holds the usage", timeout: .seconds(420), poll: .seconds(5)) {
                    try await billing.handler.preview(billingJob).allSatisfy {
                        !companiesToWrite.contains($0.entry.mapping.companyId) || $0.plan.changes.isEmpty
                    }
                }
            } catch {
                // Where the rest of the usage is: still to write, waiting as retries, dead-lettered.
                let left = try await billing.handler.preview(billingJob).filter {
                    companiesToWrite.contains($0.entry.mapping.companyId) && !$0.plan.changes.isEmpty
                }
                let inbox = try await harness.store.inboxCounts(worker: WorkerKind.usageReporter.rawValue, since: .distantPast)
                print(
                    "fleet crash test, billing unfinished: \(left.count) companies still to write (\(left.prefix(5).map { "\($0.entry.mapping.companyId): \($0.entry.mapping.billingError ?? "no billing error")" })), unfinished writes \(try await harness.store.incompleteEffects(limit: 5).map { "\($0.key): \($0.status) \($0.lastError ?? "")" }), deferred \(try await harness.store.deferredCounts()), usage-reporter inbox \(inbox), dead letters \(try await harness.depth(WorkQueue.usageReporterWork.deadLetterQueue)), work queue \(try await harness.depth(WorkQueue.usageReporterWork.name))"
                )
                throw error
            }

            // Tickets: one per alert, none lost.
            let tickets = await fleet.sandbox.state.records(AutotaskWorld.Table.Tickets)
            let perReference = Dictionary(grouping: tickets.compactMap { $0["externalID"]?.stringValue }, by: { $0 }).mapValues(\.count)
            let missing = references.filter { perReference[$0] == nil }.count
            let duplicated = perReference.values.filter { $0 > 1 }.count
            #expect(missing == 0, "\(missing) alerts without a ticket")
            #expect(duplicated == 0, "\(duplicated) alerts with more than one ticket")
            #expect(tickets.count == alerts)
            // Customers: exactly 500 tenants, one per planned company, each with one admin user.
            let counts = await customerTenants()
            #expect(Set(counts.keys) == expected, "a tenant for each planned company and no other")
            let duplicatedTenants = counts.values.filter { $0 > 1 }.count
            #expect(duplicatedTenants == 0, "\(duplicatedTenants) companies with more than one tenant")
            // Billing: one adjustment per change.
            let adjustments = await Self.adjustmentCount(fleet) - adjustmentsBefore
            #expect(adjustments == changes.count, "B8: one adjustment per change (\(adjustments) for \(changes.count))")
            let audit = try await harness.store.auditEntries(limit: 100_000)
            let keyed = audit.compactMap(\.effectKey)
            #expect(keyed.count == Set(keyed).count, "no write audited twice")
            #expect(try await harness.depth(WorkQueue.ticketUpdaterWork.deadLetterQueue) == 0)
            let heartbeats = Set(try await harness.store.workerHeartbeats().map { "\($0.worker)@\($0.instanceId)" })
            #expect(heartbeats.isSuperset(of: names), "every worker of both hosts recorded its heartbeat: \(heartbeats.sorted())")
            print(
                "fleet crash test (PostgreSQL, 2 hosts x ticket-updater, provisioner, usage-reporter): kills \(killed.map { "\($0.0) at \($0.1) tickets, \($0.2) tenants, \($0.3) adjustments" }), broker restarted once, consumers back in \(resumedIn); \(tickets.count) tickets for \(alerts) alerts (\(missing) lost, \(duplicated) duplicated), \(counts.count) tenants for \(expected.count) companies (\(duplicatedTenants) duplicated), \(adjustments) adjustments for \(changes.count) changes"
            )
            // How often a message was retried because the state database failed (a conflict that
            // kept aborting, a lock wait that timed out): each passed on, none lost.
            var retries: [String: (all: Int, state: Int)] = [:]
            for host in hosts {
                for kind in kinds {
                    let text = (try? String(contentsOf: host.appendingPathComponent("\(kind).log"), encoding: .utf8)) ?? ""
                    let lines = text.split(separator: "\n").filter { $0.contains("handler failed; retrying") }
                    retries[kind, default: (0, 0)].all += lines.count
                    retries[kind, default: (0, 0)].state += lines.filter { $0.contains("PostgreSQL") }.count
                }
            }
            print("fleet crash test, retries by worker (all / state database): \(retries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.all) / \($0.value.state)" })")
            stopAll(SIGTERM)
        } catch {
            for (name, _) in workers.sorted(by: { $0.key < $1.key }) {
                let kind = String(name.prefix { $0 != "@" })
                let folder = harness.directory.appendingPathComponent("host-\(name.hasSuffix("h1") ? 1 : 2)")
                if let text = try? String(contentsOf: folder.appendingPathComponent("\(kind).log"), encoding: .utf8) {
                    print("\(name) log (last lines):\n" + text.split(separator: "\n").suffix(8).joined(separator: "\n"))
                }
            }
            stopAll(SIGKILL)
            await billing.stop()
            try? await broker.stop()
            await broker.destroy()
            throw error
        }
        await billing.stop()
        try? await broker.stop()
        await broker.destroy()
    }
}
