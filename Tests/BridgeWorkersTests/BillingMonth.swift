import APIClients
import BridgeRules
import Foundation
import Testing

/// A ConnectWise billing fleet set up for a month simulated with its test clock (B4): one mapped
/// customer whose ACR-WORKSTATIONS addition is PAYG, and the clock on the 1st of next month,
/// so every day of a whole month (and the report days around it) can be ticked.
struct BillingMonth {
    let billing: BillingFleet
    let customer: TicketFleet.Customer
    /// The first day of the simulated month.
    let month: CalendarDay

    /// - Parameter mapCustomer: map the chosen company to its generated customer tenant (else
    ///   the test maps it itself).
    static func start(period: String, startDay: Int = 1, mapCustomer: Bool = true) async throws -> BillingMonth {
        let billing = try await BillingFleet.start(psa: .connectWise)
        do {
            try await billing.apply(billing.settingsYAML(period: period, startDay: startDay))
            let fleet = billing.fleet
            var chosen: TicketFleet.Customer?
            for customer in fleet.customers {
                let products = await FleetOnBrokerTests.additionsByProduct(fleet, company: customer.companyId)
                if products["ACR-WORKSTATIONS"] != nil {
                    chosen = customer
                    break
                }
            }
            let customer = try #require(chosen, "a generated customer with workstations")
            if mapCustomer { try await fleet.map(customer) }
            try await FleetOnBrokerTests.setAdditions(fleet, company: customer.companyId, quantity: 2, payg: ["ACR-WORKSTATIONS"])
            // At least one day on, so the month before the simulated one has begun in real time too
            // (the generated lines start before the real today).
            repeat { billing.clock.advance(days: 1) } while CalendarDay(containing: billing.clock.now).day != 1
            return BillingMonth(billing: billing, customer: customer, month: CalendarDay(containing: billing.clock.now))
        } catch {
            await billing.stop()
            throw error
        }
    }

    var today: CalendarDay { CalendarDay(containing: billing.clock.now) }

    /// `YYYY-MM` of the month `offset` months from the simulated one.
    func label(_ offset: Int) -> String { String(month.adding(months: offset).description.prefix(7)) }

    /// Sets the workstations usage of `tenant` (the chosen customer's by default): the live
    /// value, or a month's (`offset` from the simulated month).
    func setWorkstations(_ value: Double, month offset: Int? = nil, tenant: String? = nil) async throws {
        try await billing.setUsage(tenant ?? customer.tenantId, ["pw_base_workstations": value], period: offset.map(label))
    }

    /// The cloud client of the fleet's settings.
    func cloud() async throws -> AcronisClient {
        try await billing.fleet.clients.acronis(try await billing.fleet.settingsCache.required().settings.connection)
    }

    /// The quantities of the company's ACR-WORKSTATIONS additions, by addition id.
    func workstations() async -> [Int: Double] {
        let lines = await FleetOnBrokerTests.additionsByProduct(billing.fleet, company: customer.companyId)["ACR-WORKSTATIONS"] ?? []
        return Dictionary(lines.compactMap { line in line["id"]?.intValue.map { ($0, FleetOnBrokerTests.quantity(line)) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The quantity recorded as written to `line` for `period`.
    func recorded(line: Int, period: String) async throws -> Decimal? {
        try await billing.harness.store.usageReport(psa: .connectWise, lineId: String(line), period: period)?.quantity
    }

    /// The Acronis usage report calls (create, delete) so far.
    func reportCalls() async -> (created: Int, deleted: Int) {
        let calls = await billing.fleet.sandbox.state.calls(.acronis)
        return (calls.count("POST", "/api/2/reports"), calls.count("DELETE", "/api/2/reports/{id}"))
    }

    func stop() async { await billing.stop() }
}
