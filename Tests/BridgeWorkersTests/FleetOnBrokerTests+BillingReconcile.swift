import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import BridgeTestSupport
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// `bridgectl billing reconcile` through the broker and the sandbox: the usage-reporter's own
/// reader and planner, stopping before any write (B1, B3, B6, B8).
extension FleetOnBrokerTests {
    /// A company name built to break CSV and tables: comma, quotes, newline, non-ASCII, emoji.
    static let hostileName = "Müller & Søn, \"Ltd\"\n株式会社 🚀"

    static func currentMonth(_ billing: BillingFleet) -> CalendarMonth {
        CalendarMonth(containing: CalendarDay(containing: billing.clock.now))
    }

    static func reconcile(_ billing: BillingFleet, month: CalendarMonth? = nil) async throws -> BillingReconciliation.Report {
        let clock = billing.clock
        return try await BillingReconciliation(store: billing.harness.store, clock: { clock.now })
            .run(try await billing.billingJob(), month: month ?? currentMonth(billing))
    }

    /// The catalog SKU of a row's offering item.
    static func sku(_ row: ReconciliationLine) -> String? {
        SandboxProduct.catalog.first { $0.offeringItem == row.item?.name }?.sku
    }

    @Test(
        "B1, B8 on ConnectWise: billing reconcile shows cloud usage vs PSA quantity per line, the difference before the tick and none after"
    )
    func reconcileOnConnectWise() async throws {
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
            _ = try await billing.harness.store.recordCompany(psa: .connectWise, companyId: customer.companyId, name: Self.hostileName)
            try await Self.setAdditions(fleet, company: customer.companyId, quantity: 2, payg: ["ACR-WORKSTATIONS", "ACR-STORAGE-GB"])
            try await billing.setUsage(customer.tenantId, ["pw_base_workstations": 7, "pw_base_storage": 5.5 * Self.gib + 1])
            let products = await Self.additionsByProduct(fleet, company: customer.companyId)
            let paygLines = Set(
                ((products["ACR-WORKSTATIONS"] ?? []) + (products["ACR-STORAGE-GB"] ?? [])).compactMap { $0["id"]?.intValue })

            let before = try await Self.reconcile(billing)
            #expect(before.period == Self.currentMonth(billing).description)
            #expect(before.window.includesToday)
            let company = try #require(before.companies.first { $0.companyID == customer.companyId })
            #expect(company.companyName == Self.hostileName)
            #expect(company.tenantID == customer.tenantId.lowercased())
            let lined = company.rows.filter { $0.lineID != nil }
            #expect(Set(lined.compactMap(\.lineID)) == paygLines, "one row per PAYG addition; prepaid additions are no PAYG lines")
            for (sku, usage) in [("ACR-WORKSTATIONS", Decimal(7)), ("ACR-STORAGE-GB", Decimal(string: "5.51")!)] {
                let rows = lined.filter { Self.sku($0) == sku }
                let shown = try #require(rows.first { $0.cloudQuantity != 0 }, "\(sku): a line shows the usage")
                #expect(shown.kind == .differs && shown.cloudQuantity == usage, "B1, B3, B6: \(sku) (5.5 GB and a byte is 5.51 GB)")
                #expect(shown.psaQuantity == 2 && shown.difference == usage - 2)
                #expect(rows.filter { $0 != shown }.allSatisfy { $0.cloudQuantity == 0 && $0.difference == -2 }, "B2: other PAYG lines show 0")
            }
            for row in company.rows where row.lineID == nil {
                #expect(row.kind == .cloudOnly, "B1: usage of products on prepaid lines only, or on no line, is billed nowhere")
            }

            // The CSV survives the hostile name, field for field.
            let csv = try StrictCSVReader.read(BillingReconciliation.csv(before))
            #expect(csv.first == BillingReconciliation.columns)
            #expect(Array(csv.dropFirst()) == BillingReconciliation.records(before))
            #expect(csv.dropFirst().filter { $0[0] == customer.companyId }.allSatisfy { $0[1] == Self.hostileName })

            // Reconciling writes nothing.
            let audited = try await billing.auditActions(system: "connectwise").count
            #expect(
                await Self.additionsByProduct(fleet, company: customer.companyId).mapValues { $0.map(Self.quantity) }
                    == products.mapValues { $0.map(Self.quantity) })

            #expect(try await billing.tick().published == 1)
            #expect(try await billing.auditActions(system: "connectwise").count > audited)
            let after = try await Self.reconcile(billing)
            let rows = try #require(after.companies.first { $0.companyID == customer.companyId }).rows
            #expect(!rows.contains { $0.kind == .differs }, "B8: after the tick nothing differs")
            #expect(rows.filter { $0.lineID != nil }.allSatisfy { $0.kind == .same && $0.difference == 0 })
            #expect(rows.first { Self.sku($0) == "ACR-STORAGE-GB" }?.psaQuantity == Decimal(string: "5.51"))

            // A month that has not begun is refused.
            let next = CalendarMonth(containing: Self.currentMonth(billing).last.adding(days: 1))
            await #expect(throws: BillingReconciliationError.self) { try await Self.reconcile(billing, month: next) }
        } catch {
            await billing.stop()
            throw error
        }
        await billing.stop()
    }

    @Test(
        "B1, B8 on Autotask: billing reconcile shows cloud usage vs contract service units per line, the difference before the tick and none after"
    )
    func reconcileOnAutotask() async throws {
        let billing = try await BillingFleet.start(psa: .autotask)
        do {
            try await billing.apply(billing.settingsYAML())
            let fleet = billing.fleet
            let payg = fleet.customers[0]
            try await fleet.map(payg)
            try await Self.markContracts(fleet, company: payg.companyId, payg: true)
            let usage: [String: Double] = [
                "pw_base_workstations": 7, "pw_base_servers": 3, "pw_base_vms": 0, "pw_base_m365_seats": 12,
                "pw_base_storage": 3.2 * Self.gib,
            ]
            try await billing.setUsage(payg.tenantId, usage)
            let expected: [String: Decimal] = [
                "ACR-WORKSTATIONS": 7, "ACR-SERVERS": 3, "ACR-VMS": 0, "ACR-M365-SEATS": 12, "ACR-STORAGE-GB": 4,
            ]
            let units = try await Self.autotaskUnits(fleet, company: payg.companyId, now: billing.clock.now)
            let adjustments = await Self.adjustmentCount(fleet)

            let before = try await Self.reconcile(billing)
            let rows = try #require(before.companies.first { $0.companyID == payg.companyId }).rows
            let compared = rows.filter { $0.kind == .same || $0.kind == .differs }
            #expect(!compared.isEmpty)
            for (sku, lines) in Dictionary(grouping: compared, by: { Self.sku($0) ?? "" }) {
                #expect(lines.compactMap(\.cloudQuantity).reduce(0, +) == expected[sku], "B1, B6: \(sku) in whole units")
                #expect(lines.filter { $0.cloudQuantity != 0 }.count <= 1, "\(sku): on one service only")
            }
            for row in compared {
                let sku = try #require(Self.sku(row))
                #expect(row.difference == (row.cloudQuantity ?? 0) - (row.psaQuantity ?? 0))
                #expect(units[sku]?.contains(Int("\(row.psaQuantity ?? -1)") ?? -1) == true, "\(sku): the units the service holds")
            }
            let differing = compared.filter { $0.kind == .differs }
            #expect(!differing.isEmpty, "the PAYG contract had units to change")
            #expect(await Self.adjustmentCount(fleet) == adjustments, "reconciling adjusts nothing")

            #expect(try await billing.tick().published == 1)
            #expect(await Self.adjustmentCount(fleet) - adjustments == differing.count, "one adjustment per differing line")
            let after = try #require(try await Self.reconcile(billing).companies.first { $0.companyID == payg.companyId }).rows
            #expect(!after.contains { $0.kind == .differs }, "B8: after the tick nothing differs")
            #expect(after.filter { $0.kind == .same }.count == compared.count)
            #expect(after.filter { $0.kind == .same }.allSatisfy { $0.difference == 0 })
        } catch {
            await billing.stop()
            throw error
        }
        await billing.stop()
    }
}
