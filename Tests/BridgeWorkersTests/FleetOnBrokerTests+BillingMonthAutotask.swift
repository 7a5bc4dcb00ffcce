import APIClients
import BridgeRules
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// A whole month of billing on Autotask, simulated with the test clock (B4, B8).
extension FleetOnBrokerTests {
    @Test(
        "B1, B4, B8 on Autotask: current month (daily) over a whole simulated month: each day the usage changed, one adjustment of the difference brings the PAYG contract service's units of the running period to the usage; other days none"
    )
    func currentMonthOnAutotask() async throws {
        let billing = try await BillingFleet.start(psa: .autotask)
        do {
            try await billing.apply(billing.settingsYAML(period: "current-month"))
            let fleet = billing.fleet
            var chosen: TicketFleet.Customer?
            for customer in fleet.customers
            where try await Self.autotaskUnits(fleet, company: customer.companyId, now: billing.clock.now)["ACR-WORKSTATIONS"] != nil {
                chosen = customer
                break
            }
            let customer = try #require(chosen, "a generated customer with a workstations contract service")
            try await fleet.map(customer)
            try await Self.markContracts(fleet, company: customer.companyId, payg: true)
            // The workstations contract services: their adjustments are the ones counted.
            let client = try await Self.autotask(fleet)
            let workstations = try #require(try await client.services().first { $0.name == SandboxProduct.catalog[0].name }).id
            var serviceIDs = Set<Int>()
            for contract in try await client.contracts(ATField("companyID") == Int(customer.companyId)!) {
                for service in try await client.contractServices(ATField("contractID") == contract.id) where service.serviceID == workstations {
                    serviceIDs.insert(service.id)
                }
            }
            func adjustments() async -> Int {
                await fleet.sandbox.state.records(AutotaskWorld.Table.ContractServiceAdjustments)
                    .filter { $0["contractServiceID"]?.intValue.map(serviceIDs.contains) ?? false }.count
            }
            // The simulated month starts on the 1st after the real today, inside the contracts.
            repeat { billing.clock.advance(days: 1) } while CalendarDay(containing: billing.clock.now).day != 1
            let month = CalendarDay(containing: billing.clock.now)
            let days = CalendarDay.numberOfDays(inMonth: month.month, year: month.year)
            let changes: [Int: Double] = [1: 31, 5: 36, 20: 39, days: 34]
            var adjustedOn: [Int: Int] = [:]
            for day in 1...days {
                if let value = changes[day] { try await billing.setUsage(customer.tenantId, ["pw_base_workstations": value]) }
                let before = await adjustments()
                let report = try await billing.tick()
                #expect(report.period == String(month.description.prefix(7)), "day \(day) reports the running month")
                let made = await adjustments() - before
                if made > 0 { adjustedOn[day] = made }
                if changes[day] != nil || day == 1 {
                    let units = try await Self.autotaskUnits(fleet, company: customer.companyId, now: billing.clock.now)
                    let want = Int(changes.filter { $0.key <= day }.max { $0.key < $1.key }!.value)
                    #expect(units["ACR-WORKSTATIONS"]?.reduce(0, +) == want, "day \(day): the running period's units are the usage")
                }
                billing.clock.advance(days: 1)
            }
            #expect(adjustedOn == Dictionary(uniqueKeysWithValues: changes.keys.map { ($0, 1) }),
                    "one adjustment on each day the usage changed, none on the others: \(adjustedOn.sorted { $0.key < $1.key })")
        } catch {
            await billing.stop()
            throw error
        }
        await billing.stop()
    }
}
