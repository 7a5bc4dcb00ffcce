import APIClients
import BridgeRules
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// B4 on ConnectWise: each usage period setting through a whole month simulated with the test
/// clock, ticking every day; past periods come from the Acronis usage report.
extension FleetOnBrokerTests {
    @Test(
        "B4 on ConnectWise: previous month (daily) writes the previous calendar month's value from the usage report every day it changes, never the live value, and moves to the next month on the 1st"
    )
    func previousMonthOnConnectWise() async throws {
        let run = try await BillingMonth.start(period: "previous-month")
        do {
            try await run.setWorkstations(50)
            try await run.setWorkstations(7, month: -1)
            try await run.setWorkstations(11, month: 0)
            try await run.setWorkstations(3, month: -2)
            let days = CalendarDay.numberOfDays(inMonth: run.month.month, year: run.month.year)
            var written: [Int: Double] = [:]
            var line: Int?
            for day in 1...days {
                #expect(run.today == run.month.adding(days: day - 1))
                if day == 10 { try await run.setWorkstations(8, month: -1) }  // a late correction of the past month
                if day == 20 { try await run.setWorkstations(60) }  // the live value moves: not this period's
                let report = try await run.billing.tick()
                #expect(report.period == run.label(-1), "day \(day) reports the whole previous month")
                #expect(report.tenants == 1)
                if report.published > 0 {
                    let quantities = await run.workstations()
                    if line == nil { line = quantities.first { $0.value == 7 }?.key }
                    written[day] = line.flatMap { quantities[$0] }
                }
                run.billing.clock.advance(days: 1)
            }
            #expect(written == [1: 7, 10: 8], "written on day 1 (7) and after the correction (8) only")
            let paygLine = try #require(line, "the PAYG addition showing the report's value")
            #expect(try await run.recorded(line: paygLine, period: run.label(-1)) == 8)
            let held = await run.workstations().values
            #expect(!held.contains(50) && !held.contains(60), "the live value is never written for a past period")
            let calls = await run.reportCalls()
            #expect(
                calls.created == days,
                "one usage report per daily tick, which the usage.tenant messages it hands on read too (\(calls.created) for \(days) ticks)")
            #expect(calls.created == calls.deleted, "every report is deleted after reading")

            // The 1st of the next month: the simulated month is now the previous one.
            #expect(run.today == run.month.adding(months: 1))
            let next = try await run.billing.tick()
            #expect(next.period == run.label(0))
            #expect(next.published == 1)
            #expect(await run.workstations()[paygLine] == 11)
            #expect(try await run.recorded(line: paygLine, period: run.label(0)) == 11)
        } catch {
            await run.stop()
            throw error
        }
        await run.stop()
    }

    @Test(
        "B4, B5 on ConnectWise: a mapped sub-partner's previous-month usage is the sum over its customers from the one usage report, without the partner's other customers"
    )
    func previousMonthSubPartnerOnConnectWise() async throws {
        let run = try await BillingMonth.start(period: "previous-month", mapCustomer: false)
        do {
            let cloud = try await run.cloud()
            let partner = try await cloud.ownTenantID()
            let reseller = try await cloud.createTenant(AcronisTenantCreate(name: "Reseller", parentID: partner, kind: .partner))
            var customers: [String] = []
            for name in ["Reseller Customer A", "Reseller Customer B"] {
                customers.append(try await cloud.createTenant(AcronisTenantCreate(name: name, parentID: reseller.id, kind: .customer)).id)
            }
            _ = try await run.billing.harness.store.markMapped(
                psa: .connectWise, companyId: run.customer.companyId, tenantId: reseller.id.lowercased(), tenantName: reseller.name)
            for (tenant, value) in zip(customers, [4.0, 6.0]) {
                try await run.setWorkstations(30, tenant: tenant)
                try await run.setWorkstations(value, month: -1, tenant: tenant)
            }
            try await run.setWorkstations(100, month: -1)  // the company's former customer tenant, not below the reseller

            let report = try await run.billing.tick()
            #expect(report.period == run.label(-1))
            #expect(report.published == 1)
            let quantities = await run.workstations()
            let line = try #require(quantities.first { $0.value == 10 }?.key, "B5: 4 + 6 on the PAYG addition")
            #expect(try await run.recorded(line: line, period: run.label(-1)) == 10)
            #expect(await run.reportCalls().created == 1, "one report, read by the tick and the sub-partner's write alike")
        } catch {
            await run.stop()
            throw error
        }
        await run.stop()
    }

    @Test(
        "B4 on ConnectWise: custom billing month with start day 12 reports once a month, on the start day, covering the month before it, from the usage report"
    )
    func customBillingMonthOnConnectWise() async throws {
        let startDay = 12
        let run = try await BillingMonth.start(period: "custom", startDay: startDay)
        do {
            try await run.setWorkstations(40)
            try await run.setWorkstations(5, month: -1)
            try await run.setWorkstations(13, month: 0)
            try await run.setWorkstations(21, month: 1)
            // From the 1st of the simulated month to the start day of the month after it.
            let last = run.month.adding(months: 1).adding(days: startDay - 1)
            var reportDays: [CalendarDay: String] = [:]
            var written: [CalendarDay: Double] = [:]
            var line: Int?
            while run.today <= last {
                let today = run.today
                if today.day == 20 { try await run.setWorkstations(45) }  // live usage moves between report days
                let report = try await run.billing.tick()
                if let period = report.period { reportDays[today] = period }
                if report.period == nil { #expect(report.published == 0 && report.tenants == 0, "\(today): nothing read or written") }
                if report.published > 0 {
                    let quantities = await run.workstations()
                    if line == nil { line = quantities.first { $0.value == 13 }?.key }
                    written[today] = line.flatMap { quantities[$0] }
                }
                run.billing.clock.advance(days: 1)
            }
            let first = run.month.adding(days: startDay - 1)
            let second = run.month.adding(months: 1).adding(days: startDay - 1)
            let firstPeriod = "\(run.month.adding(months: -1).adding(days: startDay - 1))..\(run.month.adding(days: startDay - 2))"
            let secondPeriod = "\(first)..\(run.month.adding(months: 1).adding(days: startDay - 2))"
            #expect(reportDays == [first: firstPeriod, second: secondPeriod], "only the start days report, each the month before it")
            #expect(written == [first: 13, second: 21], "the report's value for each billing month, never the live 40 or 45")
            let paygLine = try #require(line)
            #expect(try await run.recorded(line: paygLine, period: firstPeriod) == 13)
            #expect(try await run.recorded(line: paygLine, period: secondPeriod) == 21)
            let calls = await run.reportCalls()
            #expect(calls.created == 2, "two report days, each one report shared by the tick and the tenant's write")
            #expect(calls.deleted == 2)
        } catch {
            await run.stop()
            throw error
        }
        await run.stop()
    }

    @Test(
        "B4 on ConnectWise: current month (daily) writes the live usage on each day it changes, labelled with the running month, and reads no usage report"
    )
    func currentMonthOnConnectWise() async throws {
        let run = try await BillingMonth.start(period: "current-month")
        do {
            try await run.setWorkstations(99, month: -1)  // a past month's value: not the current period's
            let days = CalendarDay.numberOfDays(inMonth: run.month.month, year: run.month.year)
            let changes: [Int: Double] = [1: 3, 5: 6, 20: 9]
            var written: [Int: Double] = [:]
            var line: Int?
            for day in 1...days {
                if let value = changes[day] { try await run.setWorkstations(value) }
                let report = try await run.billing.tick()
                #expect(report.period == run.label(0), "day \(day) reports the running month")
                if report.published > 0 {
                    let quantities = await run.workstations()
                    if line == nil { line = quantities.first { $0.value == 3 }?.key }
                    written[day] = line.flatMap { quantities[$0] }
                }
                run.billing.clock.advance(days: 1)
            }
            #expect(written == changes, "a write on each day the live usage changed, and only then")
            let paygLine = try #require(line)
            #expect(try await run.recorded(line: paygLine, period: run.label(0)) == 9)
            #expect(await run.reportCalls().created == 0, "the current month reads the live usages")
        } catch {
            await run.stop()
            throw error
        }
        await run.stop()
    }
}
