import APIClients
import BridgeCore
import BridgeRules
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// Real `usage-reporter` processes killed with SIGKILL while they adjust Autotask contract
/// service units.
extension FleetOnBrokerTests {
    @Test(
        "B1, B8, S4 on Autotask: 1,000 tenants' usage changes while usage-reporter processes are SIGKILLed at random moments three times: afterwards every PAYG contract service holds the usage and the adjustments equal the changes"
    )
    func sigkilledUsageReportersAdjustEachServiceOnce() async throws {
        let tenants = 1_000
        let billing = try await BillingFleet.start(psa: .autotask, companies: tenants, tenants: tenants, seed: 53)
        let fleet = billing.fleet
        var limits = AutotaskLimits.standard
        limits.requestsPerHour = 1_000_000  // the hourly budget is not what this test is about
        await fleet.sandbox.setAutotaskLimits(limits)
        var latency = FaultSettings.none
        latency.latencyMs = 1
        latency.jitterMs = 2
        await fleet.sandbox.setFaults(latency, for: .autotask)
        let log = billing.harness.directory.appendingPathComponent("usage-reporters.log")
        var workers: [Process] = []
        func stopWorkers(_ signal: Int32) {
            for worker in workers where worker.isRunning {
                kill(worker.processIdentifier, signal)
                worker.waitUntilExit()
            }
        }
        var tickSlot = Date()
        do {
            try await billing.apply(billing.settingsYAML())
            let customers = Array(fleet.customers.prefix(tenants))
            #expect(customers.count >= tenants * 9 / 10, "the generated world pairs most companies with a tenant (\(customers.count))")
            for customer in customers { try await fleet.map(customer) }
            try await billing.payAsYouGoWithRandomUsage(customers)
            var generator = SystemRandomNumberGenerator()

            // The changes, from the same reader and planner the processes use.
            let planned = try await billing.handler.preview(try await billing.billingJob())
            let changes = planned.flatMap(\.plan.changes)
            let companiesToWrite = Set(planned.filter { !$0.plan.changes.isEmpty }.map(\.entry.mapping.companyId))
            #expect(changes.count > tenants, "every tenant has lines to change (\(changes.count) changes)")
            #expect(planned.allSatisfy { $0.plan.problems.isEmpty }, "no contract the planner refuses")
            print("billing crash test: \(planned.count) mapped tenants, \(companiesToWrite.count) with \(changes.count) contract services to adjust")
            billing.running.cancel()  // only the processes write from here on
            _ = try? await billing.running.value
            let adjustmentsBefore = await Self.adjustmentCount(fleet)

            let slot = billing.clock.nextSlot()
            tickSlot = slot
            let tick = Message.syncTick(
                Envelope(payload: SyncTick(slot: slot, intervalSeconds: 900, source: .schedule, emitter: "test")))
            try await billing.harness.bus.publish([OutboundMessage(tick)])
            let arguments = ["--autotask-threads", "1", "--autotask-hourly-budget", "1000000", "--log-level", "info"]
            var adjustedAtKill: [Int] = []
            for round in 0..<3 {
                let before = await Self.adjustmentCount(fleet) - adjustmentsBefore
                workers = try (1...2).map {
                    try Self.startTicketUpdater(
                        billing.harness, fleet: fleet, instance: "crash-\(round)-\($0)", log: log, worker: "usage-reporter",
                        arguments: arguments)
                }
                // Killed once a random number of further adjustments exist: mid-work on any machine.
                let target = min(before + Int.random(in: 1...300, using: &generator), changes.count - 1)
                try await billing.harness.eventually(
                    "round \(round): \(target) adjustments made", timeout: .seconds(120), poll: .milliseconds(50)
                ) {
                    await Self.adjustmentCount(fleet) - adjustmentsBefore >= target
                }
                stopWorkers(SIGKILL)
                adjustedAtKill.append(await Self.adjustmentCount(fleet) - adjustmentsBefore)
            }
            #expect((adjustedAtKill.last ?? 0) < changes.count, "the kills happened while work remained: \(adjustedAtKill)")

            workers = [
                try Self.startTicketUpdater(
                    billing.harness, fleet: fleet, instance: "survivor", log: log, worker: "usage-reporter", arguments: arguments)
            ]
            let job = try await billing.billingJob()
            try await billing.harness.eventually("every contract service holds the usage", timeout: .seconds(420), poll: .seconds(10)) {
                try await billing.handler.preview(job).allSatisfy { !companiesToWrite.contains($0.entry.mapping.companyId) || $0.plan.changes.isEmpty }
            }
            // Each target as planned: the lines now hold exactly the quantities the plan wanted.
            let after = try await billing.handler.preview(job)
            let held = Dictionary(after.flatMap(\.plan.lines).map { ($0.lineID, $0.current) }, uniquingKeysWith: { a, _ in a })
            let wrong = changes.filter { held[$0.lineID] != $0.target }
            #expect(wrong.isEmpty, "\(wrong.count) contract services do not hold their planned units")
            let adjustments = await Self.adjustmentCount(fleet) - adjustmentsBefore
            #expect(adjustments == changes.count, "B8: one adjustment per change (\(adjustments) for \(changes.count))")
            let audited = try await billing.auditActions(system: "autotask").filter { $0.entry.action == "contract-service.adjustment" }
            let keyed = audited.compactMap(\.effectKey)
            #expect(keyed.count == Set(keyed).count, "no write audited twice")
            #expect(audited.count == changes.count, "each adjustment audited once, a found one too")
            let found = audited.filter { String(decoding: $0.entry.after ?? Data(), as: UTF8.self).contains("\"foundAfterLostOutcome\":true") }
            print(
                "billing crash test: \(changes.count) changes, adjustments after each kill \(adjustedAtKill), \(adjustments) adjustments in all, \(found.count) found after a lost outcome, \(audited.count) audited"
            )
            stopWorkers(SIGTERM)
        } catch {
            var depths: [String] = []
            for queue in FleetTopology().queues where queue.name.hasPrefix("usage-reporter") {
                depths.append("\(queue.name)=\((try? await billing.harness.depth(queue.name)) ?? -1)")
            }
            let inbox = try? await billing.harness.store.inboxCounts(worker: WorkerKind.usageReporter.rawValue, since: .distantPast)
            print("billing crash test failed: queues \(depths), inbox \(String(describing: inbox))")
            if let job = try? await billing.billingJob(), let left = try? await billing.handler.preview(job) {
                for item in left where !item.plan.changes.isEmpty {
                    let command = UsageTenant(
                        psa: .autotask, tenantId: item.entry.tenantID, companyId: item.entry.mapping.companyId, tickSlot: tickSlot,
                        periodStart: CalendarDate(item.plan.window.first), periodEnd: CalendarDate(item.plan.window.last))
                    let key = Message.usageTenant(Envelope(payload: command)).idempotencyKey
                    let entry = try? await billing.harness.store.inboxEntry(worker: WorkerKind.usageReporter.rawValue, idempotencyKey: key)
                    var effects: [String] = []
                    for line in item.plan.changes {
                        let effectKey = "usage:autotask:\(line.lineID):\(item.plan.window.label):\(line.target):msg:\(key)"
                        let effect = try? await billing.harness.store.effect(key: effectKey)
                        effects.append("\(line.lineID): \(effect.map { "\($0.status) \($0.lastError ?? "")" } ?? "none")")
                    }
                    print("left: company \(item.entry.mapping.companyId) changes \(item.plan.changes.map { "\($0.lineID): \($0.current)→\($0.target)" }) inbox \(String(describing: entry?.status)) effects \(effects)")
                }
            }
            if let text = try? String(contentsOf: log, encoding: .utf8) {
                let lines = text.split(separator: "\n")
                print("usage-reporter log (\(lines.count) lines; the last ones but messages written):\n" + lines.filter { !$0.contains("usage written") }.suffix(60).joined(separator: "\n"))
            }
            stopWorkers(SIGKILL)
            await billing.stop()
            throw error
        }
        await billing.stop()
    }
}
