import APIClients
import BridgeRules
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// An Autotask billing fleet set up for a month simulated with its test clock (B4): one mapped
/// customer whose contracts are PAYG, its workstations contract services (whose adjustments are
/// counted), and the clock on the 1st after the real today.
struct AutotaskBillingMonth {
    let billing: BillingFleet
    let customer: TicketFleet.Customer
    let workstationServices: Set<Int>
    /// The first day of the simulated month.
    let month: CalendarDay

    static func start(period: String, startDay: Int = 1) async throws -> AutotaskBillingMonth {
        let billing = try await BillingFleet.start(psa: .autotask)
        do {
            try await billing.apply(billing.settingsYAML(period: period, startDay: startDay))
            let fleet = billing.fleet
            var chosen: TicketFleet.Customer?
            for customer in fleet.customers
            where try await FleetOnBrokerTests.autotaskUnits(fleet, company: customer.companyId, now: billing.clock.now)["ACR-WORKSTATIONS"] != nil {
                chosen = customer
                break
            }
            let customer = try #require(chosen, "a generated customer with a workstations contract service")
            try await fleet.map(customer)
            try await FleetOnBrokerTests.markContracts(fleet, company: customer.companyId, payg: true)
            let client = try await FleetOnBrokerTests.autotask(fleet)
            let workstations = try #require(try await client.services().first { $0.name == SandboxProduct.catalog[0].name }).id
            var services = Set<Int>()
            for contract in try await client.contracts(ATField("companyID") == Int(customer.companyId)!) {
                for service in try await client.contractServices(ATField("contractID") == contract.id) where service.serviceID == workstations {
                    services.insert(service.id)
                }
            }
            repeat { billing.clock.advance(days: 1) } while CalendarDay(containing: billing.clock.now).day != 1
            return AutotaskBillingMonth(
                billing: billing, customer: customer, workstationServices: services, month: CalendarDay(containing: billing.clock.now))
        } catch {
            await billing.stop()
            throw error
        }
    }

    var days: Int { CalendarDay.numberOfDays(inMonth: month.month, year: month.year) }
    var today: CalendarDay { CalendarDay(containing: billing.clock.now) }
    func label(_ offset: Int) -> String { String(month.adding(months: offset).description.prefix(7)) }

    /// Sets the workstations usage: the live value, or a month's (`offset` from the simulated one).
    func setWorkstations(_ value: Double, month offset: Int? = nil) async throws {
        try await billing.setUsage(customer.tenantId, ["pw_base_workstations": value], period: offset.map(label))
    }

    /// Adjustments made to the workstations contract services so far.
    func adjustments() async -> Int {
        await billing.fleet.sandbox.state.records(AutotaskWorld.Table.ContractServiceAdjustments)
            .filter { $0["contractServiceID"]?.intValue.map(workstationServices.contains) ?? false }.count
    }

    /// The workstations units of the period containing the clock's now.
    func units() async throws -> Int? {
        try await FleetOnBrokerTests.autotaskUnits(billing.fleet, company: customer.companyId, now: billing.clock.now)["ACR-WORKSTATIONS"]?
            .reduce(0, +)
    }

    /// Ticks every day of the simulated month, setting the usage `change` makes for a day first;
    /// returns the adjustments made on each day that had any, and checks the units on each day
    /// `expected` names.
    func run(change: (Int) async throws -> Void, expected: [Int: Int], period: String) async throws -> [Int: Int] {
        var adjustedOn: [Int: Int] = [:]
        for day in 1...days {
            try await change(day)
            let before = await adjustments()
            let report = try await billing.tick()
            #expect(report.period == period, "day \(day) reports \(period)")
            let made = await adjustments() - before
            if made > 0 { adjustedOn[day] = made }
            if let want = expected[day] {
                #expect(try await units() == want, "day \(day): the running period's units are \(want)")
            }
            billing.clock.advance(days: 1)
        }
        return adjustedOn
    }

    func stop() async { await billing.stop() }
}

/// A whole month of billing on Autotask, simulated with the test clock, per period setting (B4, B8).
extension FleetOnBrokerTests {
    @Test(
        "B1, B4, B8 on Autotask: current month (daily) over a whole simulated month: each day the usage changed, one adjustment of the difference brings the PAYG contract service's units of the running period to the usage; other days none"
    )
    func currentMonthOnAutotask() async throws {
        let run = try await AutotaskBillingMonth.start(period: "current-month")
        do {
            let changes: [Int: Double] = [1: 31, 5: 36, 20: 39, run.days: 34]
            let expected = Dictionary(uniqueKeysWithValues: changes.map { ($0.key, Int($0.value)) })
            let adjustedOn = try await run.run(
                change: { day in if let value = changes[day] { try await run.setWorkstations(value) } }, expected: expected,
                period: run.label(0))
            #expect(adjustedOn == expected.mapValues { _ in 1 }, "one adjustment on each day the usage changed: \(adjustedOn.sorted { $0.key < $1.key })")
        } catch {
            await run.stop()
            throw error
        }
        await run.stop()
    }

    @Test(
        "B4, B8 on Autotask: previous month (daily) over a whole simulated month writes the previous month's value from the usage report, once, and again only after a correction; the live value never"
    )
    func previousMonthOnAutotask() async throws {
        let run = try await AutotaskBillingMonth.start(period: "previous-month")
        do {
            try await run.setWorkstations(50)
            try await run.setWorkstations(27, month: -1)
            let adjustedOn = try await run.run(
                change: { day in
                    if day == 10 { try await run.setWorkstations(28, month: -1) }  // a late correction of the past month
                    if day == 20 { try await run.setWorkstations(60) }  // the live value moves: not this period's
                },
                expected: [1: 27, 9: 27, 10: 28, run.days: 28], period: run.label(-1))
            #expect(adjustedOn == [1: 1, 10: 1], "adjusted on day 1 and after the correction only: \(adjustedOn.sorted { $0.key < $1.key })")
        } catch {
            await run.stop()
            throw error
        }
        await run.stop()
    }

    @Test(
        "B4, B8 on Autotask: custom billing month with start day 12 adjusts units once a month, on the start day, to the usage report of the month before it; no other day reads or writes"
    )
    func customBillingMonthOnAutotask() async throws {
        let startDay = 12
        let run = try await AutotaskBillingMonth.start(period: "custom", startDay: startDay)
        do {
            try await run.setWorkstations(40)
            try await run.setWorkstations(5, month: -1)
            try await run.setWorkstations(13, month: 0)
            try await run.setWorkstations(21, month: 1)
            let last = run.month.adding(months: 1).adding(days: startDay - 1)
            var reportDays: [CalendarDay] = []
            var adjustedOn: [CalendarDay: Int] = [:]
            var unitsOn: [CalendarDay: Int] = [:]
            while run.today <= last {
                let today = run.today
                if today.day == 20 { try await run.setWorkstations(45) }  // live usage moves between report days
                let before = await run.adjustments()
                let report = try await run.billing.tick()
                if report.period != nil { reportDays.append(today) } else {
                    #expect(report.published == 0 && report.tenants == 0, "\(today): nothing read or written")
                }
                let made = await run.adjustments() - before
                if made > 0 {
                    adjustedOn[today] = made
                    unitsOn[today] = try await run.units()
                }
                run.billing.clock.advance(days: 1)
            }
            let first = run.month.adding(days: startDay - 1)
            let second = run.month.adding(months: 1).adding(days: startDay - 1)
            #expect(reportDays == [first, second], "only the start days report")
            #expect(adjustedOn == [first: 1, second: 1], "one adjustment on each start day")
            #expect(unitsOn == [first: 13, second: 21], "the report's value for each billing month, never the live 40 or 45")
        } catch {
            await run.stop()
            throw error
        }
        await run.stop()
    }
}
