import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// Two-way sync on Autotask (B7) through the broker, the provisioner and the sandbox.
extension FleetOnBrokerTests {
    static let twoWaySyncSettings = "twoWaySync: {allocationCode: Recurring Backup Services, periodType: Monthly}"

    static func twoWaySyncYAML(_ job: ProvisioningFleet) -> String {
        job.settingsYAML(extra: twoWaySyncSettings)
            .replacingOccurrences(of: "features:\n  tickets: false", with: "features:\n  tickets: false\n  twoWaySync: true")
    }

    @Test(
        "B7 on Autotask: an offering item enabled in the cloud adds its mapped service to the contract, one disabled takes its contract service to 0 units; both audited, the items keep the cloud's state, and the next tick writes nothing"
    )
    func twoWaySyncOnAutotask() async throws {
        let job = try await ProvisioningFleet.start(psa: .autotask, companies: 8, tenants: 5)
        do {
            let yaml = Self.twoWaySyncYAML(job)
            #expect(yaml.contains("twoWaySync: true"))
            try await job.apply(yaml)
            let settings = try await job.fleet.settingsCache.required().settings
            #expect(settings.features.twoWaySync)
            let context = try await job.handler.provider.context(for: settings)
            #expect(context.setup.planner.twoWaySync)
            let client = try await Self.autotask(job.fleet)

            // A mapped customer with a mapped service on its contract (A) and one without (B).
            let mapped = context.setup.planner.mappings.filter { $0.product != nil && $0.storage == nil }
            var chosen: (TicketFleet.Customer, OfferingItemMapping, OfferingItemMapping, ContractLine)?
            for customer in job.fleet.customers {
                let lines = try await context.psa.lines(companyIDs: [customer.companyId], marker: context.setup.marker, now: job.clock.now)[customer.companyId] ?? []
                let products = Set(lines.map(\.productID))
                guard let a = mapped.first(where: { products.contains($0.product!) }),
                    let b = mapped.first(where: { !products.contains($0.product!) }),
                    let line = lines.first(where: { $0.productID == a.product! })
                else { continue }
                chosen = (customer, a, b, line)
                break
            }
            let (customer, a, b, lineA) = try #require(chosen, "the seeded world has a customer with a mapped service on and one off its contract")
            try await job.fleet.map(customer)
            if lineA.quantity == 0 {
                _ = try await client.createContractServiceAdjustment(
                    ATContractServiceAdjustment(
                        contractID: lineA.contractID, contractServiceID: lineA.id, effectiveDate: Date().addingTimeInterval(-60),
                        unitChange: 3))
            }
            // The cloud as the contract makes it, with B off.
            try await job.tick()
            try await context.cloud.setQuota(tenantID: customer.tenantId, item: b.item, to: .disabled, catalog: context.setup.catalog)
            try await job.tick()
            #expect(try await job.tick().published == 0, "in step before the cloud changes")
            let servicesBefore = try await client.contractServices(ATField("contractID") == lineA.contractID).count

            // In the cloud: A disabled, B enabled with 4.
            try await context.cloud.setQuota(tenantID: customer.tenantId, item: a.item, to: .disabled, catalog: context.setup.catalog)
            try await context.cloud.setQuota(tenantID: customer.tenantId, item: b.item, to: .limited(4), catalog: context.setup.catalog)
            let report = try await job.tick()
            #expect(report.published == 1)

            let contractServices = try await client.contractServices(ATField("contractID") == lineA.contractID)
            #expect(contractServices.count == servicesBefore + 1)
            #expect(contractServices.filter { $0.serviceID == b.product! }.count == 1, "service B is on the contract once")
            let unitsA = try await AutotaskBilling(client: client).units(contractServiceID: lineA.id, now: Date())
            #expect(unitsA == 0, "A's contract service holds 0 units")
            let quotas = await job.items(tenant: customer.tenantId)
            #expect(ProvisioningFleet.quota(quotas[a.item.name]) == "disabled", "A stays as the cloud has it")
            #expect(ProvisioningFleet.quota(quotas[b.item.name]) == "4", "B keeps the cloud's quota, not the added service's 0 units")

            let audit = try await job.harness.store.auditEntries(targetSystem: "autotask").map(\.entry)
            let added = audit.filter { entry in entry.action == "contract-service.add" && entry.targetId == "contract-\(lineA.contractID)" }
            let zeroed = audit.filter { entry in entry.action == "contract-service.remove" && entry.targetId == "line-\(lineA.id)" }
            #expect(added.count == 1)
            #expect(zeroed.count == 1)
            #expect(zeroed.first?.reason.contains("→ 0") == true)
            #expect(audit.allSatisfy { entry in entry.messageId != nil }, "each write names the message that made it")

            // Nothing left to do: no second service, no second adjustment.
            let adjustments = await job.fleet.sandbox.state.records(AutotaskWorld.Table.ContractServiceAdjustments).count
            #expect(try await job.tick().published == 0)
            #expect(await job.fleet.sandbox.state.records(AutotaskWorld.Table.ContractServiceAdjustments).count == adjustments)
            #expect(try await client.contractServices(ATField("contractID") == lineA.contractID).count == servicesBefore + 1)
            #expect(try await job.mapping(customer.companyId)?.syncError == nil)
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }

    @Test(
        "B7 on Autotask: settings check refuses two-way sync with an allocation code the PSA lacks, and names each mapped service that bills to another code or period"
    )
    func twoWaySyncDefaultsAreChecked() async throws {
        let job = try await ProvisioningFleet.start(psa: .autotask)
        do {
            // One mapped service bills quarterly to another allocation code.
            let first = ProvisioningFleet.mappedProducts[0].name
            try await SandboxWorldEdit.records(job.fleet, "autotask", "Services") { service in
                if service["name"]?.stringValue == first {
                    service["billingCodeID"] = 29_682_802
                    service["periodType"] = 2
                }
            }

            try await job.apply(Self.twoWaySyncYAML(job))
            let settings = try await job.fleet.settingsCache.required().settings
            await job.handler.provider.invalidate()
            let error = await #expect(throws: ProvisioningSettingsError.self) {
                _ = try await job.handler.provider.context(for: settings)
            }
            #expect(error?.problems.map(\.path.description) == ["/productMappings/0/psaProduct"])
            #expect(error?.problems.first?.message.contains("allocation code 29682802 instead of 29682801 and period Quarterly instead of Monthly") == true)

            let unknown = Self.twoWaySyncYAML(job).replacingOccurrences(of: "Recurring Backup Services", with: "No Such Code")
            try await job.apply(unknown)
            let refused = await #expect(throws: ProvisioningSettingsError.self) {
                _ = try await job.handler.provider.context(for: try await job.fleet.settingsCache.required().settings)
            }
            #expect(refused?.problems.map(\.path.description) == ["/twoWaySync/allocationCode"])
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}
