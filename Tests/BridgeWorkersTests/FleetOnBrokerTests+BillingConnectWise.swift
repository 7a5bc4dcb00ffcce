import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// Billing on ConnectWise: PAYG addition quantities from cloud usage.
extension FleetOnBrokerTests {
    static let gib = Double(1 << 30)

    /// The company's additions by product identifier.
    static func additionsByProduct(_ fleet: TicketFleet, company: String) async -> [String: [JSONObject]] {
        Dictionary(grouping: await additions(fleet, company: company)) { $0["product"]?["identifier"].stringValue ?? "" }
    }

    static func quantity(_ addition: JSONObject) -> Double { addition["quantity"]?.doubleValue ?? 0 }

    @Test(
        "B1, B3, B6, B8 on ConnectWise: a PAYG addition's quantity is set to the tenant's usage (storage in GB rounded up to 0.01), prepaid additions get none, and a tick with no usage change writes nothing"
    )
    func paygAdditionsShowUsageOnConnectWise() async throws {
        let billing = try await BillingFleet.start(psa: .connectWise)
        do {
            try await billing.apply(billing.settingsYAML())
            let fleet = billing.fleet
            var chosen: TicketFleet.Customer?
            for customer in fleet.customers {
                let products = await Self.additionsByProduct(fleet, company: customer.companyId)
                if products["ACR-WORKSTATIONS"] != nil, products["ACR-STORAGE-GB"] != nil, products.count >= 3 {
                    chosen = customer
                    break
                }
            }
            let customer = try #require(chosen, "a generated customer with workstations, storage and one more product")
            try await fleet.map(customer)
            try await Self.setAdditions(fleet, company: customer.companyId, quantity: 2, payg: ["ACR-WORKSTATIONS", "ACR-STORAGE-GB"])
            try await billing.setUsage(customer.tenantId, ["pw_base_workstations": 7, "pw_base_storage": 5.5 * Self.gib + 1])

            let first = try await billing.tick()
            #expect(first.published == 1, "one usage.tenant for the one mapped tenant")
            var products = await Self.additionsByProduct(fleet, company: customer.companyId)
            let workstations = products["ACR-WORKSTATIONS"] ?? []
            #expect(workstations.map(Self.quantity).reduce(0, +) == 7, "B1: the PAYG line shows the usage")
            #expect(workstations.filter { Self.quantity($0) != 0 }.count == 1, "the usage is on one line only")
            let storage = products["ACR-STORAGE-GB"] ?? []
            #expect(storage.map(Self.quantity).reduce(0, +) == 5.51, "B3, B6: 5.5 GB and a byte is 5.51 GB")
            for (sku, lines) in products where sku != "ACR-WORKSTATIONS" && sku != "ACR-STORAGE-GB" {
                #expect(lines.allSatisfy { Self.quantity($0) == 2 }, "B1: prepaid \(sku) gets no usage")
            }
            let written = try await billing.auditActions(system: "connectwise").filter { $0.entry.action == "addition.quantity" }
            #expect(written.count == workstations.filter { Self.quantity($0) != 2 }.count + storage.filter { Self.quantity($0) != 2 }.count)
            #expect(written.allSatisfy { $0.entry.messageId != nil && $0.entry.reason.hasPrefix("B") })
            let period = String(Timestamp.format(billing.clock.now).prefix(7))
            let line = try #require(workstations.first { Self.quantity($0) == 7 }?["id"]?.intValue)
            #expect(try await billing.harness.store.usageReport(psa: .connectWise, lineId: String(line), period: period)?.quantity == 7)

            // B8: nothing changed, nothing written.
            let second = try await billing.tick()
            #expect(second.published == 0, "no usage change: no usage.tenant")
            #expect(try await billing.auditActions(system: "connectwise").filter { $0.entry.action == "addition.quantity" }.count == written.count)

            // Usage grows: the same line follows, absolutely.
            try await billing.setUsage(customer.tenantId, ["pw_base_workstations": 9])
            #expect(try await billing.tick().published == 1)
            products = await Self.additionsByProduct(fleet, company: customer.companyId)
            #expect((products["ACR-WORKSTATIONS"] ?? []).map(Self.quantity).reduce(0, +) == 9)
            #expect(Self.quantity(try #require(products["ACR-WORKSTATIONS"]?.first { $0["id"]?.intValue == line })) == 9)
        } catch {
            await billing.stop()
            throw error
        }
        await billing.stop()
    }
}

extension FleetOnBrokerTests {
    @Test(
        "B1 on ConnectWise: a tick over more mapped companies than one condition may name (260) reads every one's lines, the active agreements in pages instead of one over-long IN-list"
    )
    func manyMappedCompaniesOnConnectWise() async throws {
        let billing = try await BillingFleet.start(psa: .connectWise, companies: 260, tenants: 260, seed: 37)
        do {
            try await billing.apply(billing.settingsYAML())
            let fleet = billing.fleet
            #expect(fleet.customers.count > ConnectWiseProvisioning.companiesPerCondition)
            for customer in fleet.customers { try await fleet.map(customer) }
            let job = try await billing.billingJob()
            let window = try #require(BillingPreview.window(job.period, today: CalendarDay(containing: billing.clock.now)))
            let entries = try await job.reader.snapshot(window: window, now: billing.clock.now)
            #expect(entries.count == fleet.customers.count, "every mapped company read")
            let withLines = entries.filter { !$0.lines.isEmpty }.count
            let expected = Set(
                await fleet.sandbox.state.records(ConnectWiseWorld.Table.agreements)
                    .filter { $0["agreementStatus"]?.stringValue == "Active" && $0["cancelledFlag"]?.boolValue != true }
                    .compactMap { $0["company"]?["id"].intValue.map(String.init) }
            ).intersection(fleet.customers.map(\.companyId))
            #expect(withLines == expected.count, "the lines of every mapped company with an active agreement, and no other")
        } catch {
            await billing.stop()
            throw error
        }
        await billing.stop()
    }
}
