import APIClients
import BridgeCore
import BridgeRules
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// Real `provisioner` processes killed with SIGKILL while they create customers.
extension FleetOnBrokerTests {
    @Test(
        "P4, S4 on ConnectWise: 500 companies gain tenants at once while provisioner processes are SIGKILLed at random moments three times: afterwards each has exactly one tenant and one admin user, every quota is as planned, and each write is audited once"
    )
    func sigkilledProvisionersCreateEachCustomerOnce() async throws {
        let job = try await ProvisioningFleet.start(psa: .connectWise, companies: 640, tenants: 0, seed: 47)
        var latency = FaultSettings.none
        latency.latencyMs = 2
        latency.jitterMs = 3
        await job.fleet.sandbox.setFaults(latency, for: .acronis)
        let log = job.harness.directory.appendingPathComponent("provisioners.log")
        var workers: [Process] = []
        var expected: Set<String> = []
        do {
            try await job.apply(
                job.settingsYAML(
                    provisioning: """
                          adminFrom: company-name
                          activationEmail: onboarding@msp.example
                          autoCreateCustomers: true
                        """))
            // The companies the plan gives a new tenant to: in scope, with an active mapped line.
            let settings = try await job.fleet.settingsCache.required().settings
            func planned() async throws -> Set<String> { try await job.companiesPlannedForNewTenant(settings) }
            // Exactly 500 companies gain a tenant: of the generated companies with an active
            // mapped line, those past the first 500 become vendors (out of scope, P1).
            let eligible = try await planned().sorted { Int($0)! < Int($1)! }
            try #require(eligible.count >= 500, "the generated world has 500 companies to provision (\(eligible.count))")
            try await Self.makeVendors(job.fleet, companies: Set(eligible.dropFirst(500)))
            await job.handler.provider.invalidate()
            expected = try await planned()
            try #require(expected.count == 500, "500 companies planned for a new tenant (\(expected.count))")
            let context = try await job.handler.provider.context(for: settings)
            print("provisioning crash test: \(expected.count) companies planned for a new tenant")
            job.running.cancel()  // only the processes provision from here on
            _ = try? await job.running.value

            func customerTenants() async -> [String: Int] {
                var counts: [String: Int] = [:]
                for tenant in await job.tenants() {
                    if let id = tenant["customer_id"]?.stringValue { counts[id, default: 0] += 1 }
                }
                return counts
            }
            let tick = Message.syncTick(
                Envelope(payload: SyncTick(slot: job.clock.nextSlot(), intervalSeconds: 900, source: .schedule, emitter: "test")))
            try await job.harness.bus.publish([OutboundMessage(tick)])

            var generator = SystemRandomNumberGenerator()
            var createdAtKill: [Int] = []
            for round in 0..<3 {
                let before = await customerTenants().count
                workers = try (1...2).map {
                    try Self.startTicketUpdater(
                        job.harness, fleet: job.fleet, instance: "crash-\(round)-\($0)", log: log, worker: "provisioner")
                }
                // Killed once a random number of further tenants exist: mid-work on any machine.
                let target = min(before + Int.random(in: 1...60, using: &generator), expected.count - 1)
                try await job.harness.eventually("round \(round): \(target) tenants created", timeout: .seconds(90), poll: .milliseconds(5)) {
                    await customerTenants().count >= target
                }
                for worker in workers {
                    kill(worker.processIdentifier, SIGKILL)
                    worker.waitUntilExit()
                }
                createdAtKill.append(await customerTenants().count)
            }
            #expect((createdAtKill.last ?? 0) < expected.count, "the kills happened while work remained: \(createdAtKill)")

            workers = [
                try Self.startTicketUpdater(job.harness, fleet: job.fleet, instance: "survivor", log: log, worker: "provisioner")
            ]
            try await job.harness.eventually("every planned company mapped", timeout: .seconds(150)) {
                let mapped = try await job.harness.store.companyMappings(psa: job.fleet.psa, status: .mapped)
                return Set(mapped.map(\.companyId)).isSuperset(of: expected)
            }
            let counts = await customerTenants()
            #expect(Set(counts.keys) == expected, "a tenant for each planned company and no other")
            #expect(counts.values.allSatisfy { $0 == 1 }, "\(counts.values.filter { $0 > 1 }.count) companies with more than one tenant")
            let users = await job.fleet.sandbox.state.records(AcronisWorld.Table.users).filter { $0["deleted_at"]?.isNull ?? true }
            let tenantIDs = Set(await job.tenants().filter { $0["customer_id"]?.stringValue != nil }.compactMap { $0["id"]?.stringValue?.lowercased() })
            let usersPerTenant = Dictionary(grouping: users.filter { tenantIDs.contains($0["tenant_id"]?.stringValue?.lowercased() ?? "") }) {
                $0["tenant_id"]!.stringValue!.lowercased()
            }
            #expect(usersPerTenant.count == expected.count, "an admin user in every new tenant")
            #expect(usersPerTenant.values.allSatisfy { $0.count == 1 }, "one admin user per tenant")

            // Every quota as planned: a fresh preview has nothing left to do for those companies.
            try await job.harness.eventually("nothing left to do", timeout: .seconds(120)) {
                let left = try await job.handler.preview(context).filter { expected.contains($0.entry.facts.company.id) && !$0.plan.changes.isEmpty }
                return left.isEmpty
            }
            let audit = try await job.harness.store.auditEntries(targetSystem: "acronis", limit: 100_000)
            let creates = audit.filter { $0.entry.action == "tenant.create" }
            #expect(creates.count == expected.count, "each tenant create audited once")
            #expect(audit.filter { $0.entry.action == "user.create" }.count == expected.count, "each user create audited once")
            let keyed = audit.compactMap(\.effectKey)
            #expect(keyed.count == Set(keyed).count, "no write audited twice")
            let found = audit.filter { String(decoding: $0.entry.after ?? Data(), as: UTF8.self).contains("\"foundAfterLostOutcome\":true") }.count
            print(
                "provisioning crash test: \(expected.count) customers, tenants after each kill \(createdAtKill), \(found) writes found after a lost outcome, 0 duplicated")
            for worker in workers where worker.isRunning {
                kill(worker.processIdentifier, SIGTERM)
                worker.waitUntilExit()
            }
        } catch {
            let mapped = (try? await job.harness.store.companyMappings(psa: job.fleet.psa)) ?? []
            let errors = mapped.compactMap { $0.syncError ?? $0.error }.prefix(5)
            var depths: [String] = []
            for queue in FleetTopology().queues where queue.name.hasPrefix("provisioner") {
                depths.append("\(queue.name)=\((try? await job.harness.depth(queue.name)) ?? -1)")
            }
            if let settings = try? await job.fleet.settingsCache.required().settings,
                let context = try? await job.handler.provider.context(for: settings)
            {
                let missing = expected.subtracting(mapped.filter { $0.status == .mapped }.map(\.companyId))
                for item in ((try? await job.handler.preview(context)) ?? []) where missing.contains(item.entry.facts.company.id) {
                    print("not provisioned: \(item.entry.facts.company.id) \(item.entry.facts.company.name): \(item.plan.changes.map(\.description).prefix(3)) mapping \(String(describing: item.entry.mapping))")
                }
            }
            let statuses = Dictionary(grouping: mapped, by: { "\($0.status)" }).mapValues(\.count)
            print("provisioning crash test failed: \(mapped.filter { $0.status == .mapped }.count) mapped of \(mapped.count), statuses \(statuses); errors: \(Array(errors)); queues \(depths); tenants \(await job.tenants().count)")
            if let text = try? String(contentsOf: log, encoding: .utf8) {
                print("provisioner log (last lines):\n" + text.split(separator: "\n").suffix(30).joined(separator: "\n"))
            }
            for worker in workers where worker.isRunning {
                kill(worker.processIdentifier, SIGKILL)
                worker.waitUntilExit()
            }
            await job.stop()
            throw error
        }
        await job.stop()
    }

    /// Turns ConnectWise companies into vendors, which are not customers (P1), by a world edit.
    static func makeVendors(_ fleet: TicketFleet, companies: Set<String>) async throws {
        try await SandboxWorldEdit.records(fleet, "connectwise", "companies") { company in
            if let id = company["id"]?.intValue, companies.contains(String(id)) { company["types"] = [["id": 3, "name": "Vendor"]] }
        }
    }
}
