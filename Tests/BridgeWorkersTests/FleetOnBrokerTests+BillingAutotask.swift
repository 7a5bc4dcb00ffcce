import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// Billing on Autotask: contract service units through adjustments of the difference.
extension FleetOnBrokerTests {
    /// Units of the company's contract services for the period containing `now`, by service
    /// SKU (one entry per contract service).
    static func autotaskUnits(_ fleet: TicketFleet, company: String, now: Date) async throws -> [String: [Int]] {
        let client = try await autotask(fleet)
        let services = try await client.services()
        var result: [String: [Int]] = [:]
        for contract in try await client.contracts(ATField("companyID") == Int(company)! && ATField("status") == 1) {
            let units = try await client.contractServiceUnits(
                ATField("contractID") == contract.id && ATField("startDate") <= now && ATField("endDate") >= now)
            for service in try await client.contractServices(ATField("contractID") == contract.id) {
                let name = services.first { $0.id == service.serviceID }?.name ?? ""
                let sku = SandboxProduct.catalog.first { $0.name == name }?.sku ?? name
                result[sku, default: []].append(units.filter { $0.contractServiceID == service.id }.map(\.units).max() ?? 0)
            }
        }
        return result
    }

    static func markContracts(_ fleet: TicketFleet, company: String, payg: Bool) async throws {
        let client = try await autotask(fleet)
        for contract in try await client.contracts(ATField("companyID") == Int(company)!) {
            try await client.updateContractUDFs(
                contractID: contract.id, [ATUserDefinedField(name: "Acronis PAYG", value: payg ? "Yes" : "No")])
        }
    }

    static func adjustmentCount(_ fleet: TicketFleet) async -> Int {
        await fleet.sandbox.state.records(AutotaskWorld.Table.ContractServiceAdjustments).count
    }

    @Test(
        "B1, B3, B6, B8 on Autotask: PAYG contract services get the usage as units through one adjustment of the difference each (storage whole GB rounded up), prepaid contracts none, and an unchanged tick makes no adjustment"
    )
    func paygServicesShowUsageOnAutotask() async throws {
        let billing = try await BillingFleet.start(psa: .autotask)
        do {
            try await billing.apply(billing.settingsYAML())
            let fleet = billing.fleet
            let payg = fleet.customers[0]
            let prepaid = fleet.customers[1]
            for customer in [payg, prepaid] { try await fleet.map(customer) }
            try await Self.markContracts(fleet, company: payg.companyId, payg: true)
            try await Self.markContracts(fleet, company: prepaid.companyId, payg: false)
            let before = try await Self.autotaskUnits(fleet, company: payg.companyId, now: billing.clock.now)
            let prepaidBefore = try await Self.autotaskUnits(fleet, company: prepaid.companyId, now: billing.clock.now)
            let usage: [String: Double] = [
                "pw_base_workstations": 7, "pw_base_servers": 3, "pw_base_vms": 0, "pw_base_m365_seats": 12,
                "pw_base_storage": 3.2 * Self.gib,
            ]
            for customer in [payg, prepaid] { try await billing.setUsage(customer.tenantId, usage) }
            let expected: [String: Int] = [
                "ACR-WORKSTATIONS": 7, "ACR-SERVERS": 3, "ACR-VMS": 0, "ACR-M365-SEATS": 12, "ACR-STORAGE-GB": 4,
            ]
            let adjustmentsBefore = await Self.adjustmentCount(fleet)

            let first = try await billing.tick()
            #expect(first.published == 1, "one usage.tenant: the prepaid company has nothing to write")
            let after = try await Self.autotaskUnits(fleet, company: payg.companyId, now: billing.clock.now)
            var changed = 0
            for (sku, units) in after {
                guard let want = expected[sku] else { continue }
                #expect(units.reduce(0, +) == want, "B1, B6: \(sku) shows the usage")
                #expect(units.filter { $0 != 0 }.count <= 1, "\(sku): on one service only")
                changed += zip(before[sku] ?? [], units).filter { $0 != $1 }.count
            }
            #expect(changed > 0, "the PAYG contract had lines to change")
            #expect(await Self.adjustmentCount(fleet) - adjustmentsBefore == changed, "B8: one adjustment per changed service")
            #expect(
                try await Self.autotaskUnits(fleet, company: prepaid.companyId, now: billing.clock.now) == prepaidBefore,
                "B1: prepaid contracts get no usage")
            let audited = try await billing.auditActions(system: "autotask").filter { $0.entry.action == "contract-service.adjustment" }
            #expect(audited.count == changed, "each adjustment audited once")

            // B8: the same usage again: nothing published, no adjustment.
            #expect(try await billing.tick().published == 0)
            #expect(await Self.adjustmentCount(fleet) - adjustmentsBefore == changed)

            // Usage drops on a product the contract carries: the difference is adjusted, once.
            let sku = try #require(after.keys.sorted().first { (expected[$0] ?? 0) >= 2 && $0 != "ACR-STORAGE-GB" })
            let item = try #require(SandboxProduct.catalog.first { $0.sku == sku }).offeringItem
            let lower = max(0, expected[sku]! - 2)
            try await billing.setUsage(payg.tenantId, [item: Double(lower)])
            #expect(try await billing.tick().published == 1)
            #expect(try await Self.autotaskUnits(fleet, company: payg.companyId, now: billing.clock.now)[sku]?.reduce(0, +) == lower)
            #expect(await Self.adjustmentCount(fleet) - adjustmentsBefore == changed + 1)
        } catch {
            await billing.stop()
            throw error
        }
        await billing.stop()
    }
}
