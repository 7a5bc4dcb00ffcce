import BridgeRules
import BridgeValues
import Foundation
import Testing

@Suite("Two-way sync: the cloud's items decide the contract's services (B7)")
struct TwoWaySyncRuleTests {
    typealias F = PlannerFixture
    static let today = CalendarDay(containing: F.now)

    @Test("B7 an item enabled in the cloud without a line adds its service to the contract with the most lines; the item keeps its quota")
    func enabledWithoutLineIsAdded() {
        let lines = [line(1, product: 101, quantity: "10", contract: 7), line(2, product: 103, contract: 9), line(3, product: 201, contract: 9)]
        let items = [F.item(F.workstations, .limited(10)), F.item(F.servers, .unlimited)]
        let plan = TwoWaySyncRule.plan(items: items, mappings: F.mappings, lines: lines, today: Self.today)
        #expect(plan.changes == [.add(item: F.servers, productID: 102, contractID: 9)])
        #expect(plan.held == [F.servers])
        #expect(plan.problems.isEmpty)
    }

    @Test("B7 on a tie the lowest contract id takes the service; inactive lines count for nothing")
    func contractChoice() {
        let lines = [
            line(1, product: 101, contract: 8), line(2, product: 103, contract: 5),
            line(3, product: 201, contract: 4, active: false), line(4, product: 301, contract: 4, active: false),
        ]
        let plan = TwoWaySyncRule.plan(items: [F.item(F.servers, .limited(3))], mappings: F.mappings, lines: lines, today: Self.today)
        #expect(plan.changes == [.add(item: F.servers, productID: 102, contractID: 5)])
    }

    @Test("B7 an item disabled in the cloud takes each line holding units to 0; lines already at 0 and inactive lines are left")
    func disabledIsRemoved() {
        let holding = line(1, product: 101, quantity: "10", .payAsYouGo, contract: 7)
        let zero = line(2, product: 101, quantity: "0", .payAsYouGo, contract: 8)
        let ended = line(3, product: 101, quantity: "4", contract: 9, end: Self.today.adding(days: -1))
        let plan = TwoWaySyncRule.plan(
            items: [F.item(F.workstations, .disabled)], mappings: F.mappings, lines: [zero, holding, ended], today: Self.today)
        #expect(plan.changes == [.remove(item: F.workstations, line: holding)])
        #expect(plan.held == [F.workstations])
        let done = TwoWaySyncRule.plan(
            items: [F.item(F.workstations, .disabled)], mappings: F.mappings, lines: [zero], today: Self.today)
        #expect(done.changes.isEmpty)
        #expect(done.held == [F.workstations], "a removed service's item stays disabled")
    }

    @Test("B7 enabled with a line, unmapped, locked or absent items are the contract's business, not the sync's")
    func leftAlone() {
        let lines = [line(1, product: 101, quantity: "10")]
        let items = [
            F.item(F.workstations, .limited(10)), F.item(F.servers, .unlimited, locked: true),
            F.item(OfferingItemKey(name: "pw_base_mobiles"), .unlimited),
        ]
        let plan = TwoWaySyncRule.plan(items: items, mappings: F.mappings, lines: lines, today: Self.today)
        #expect(plan == TwoWaySyncRule.Plan())
    }

    @Test("B7 an enabled item whose prepaid lines hold 0 units (as the add leaves them) keeps its quota; units or PAYG give the contract's")
    func addedLineKeepsQuota() {
        let items = [F.item(F.servers, .limited(3))]
        let added = TwoWaySyncRule.plan(
            items: items, mappings: F.mappings, lines: [line(5, product: 102, quantity: "0")], today: Self.today)
        #expect(added.changes.isEmpty)
        #expect(added.held == [F.servers])
        for lines in [[line(5, product: 102, quantity: "2")], [line(5, product: 102, quantity: "0", .payAsYouGo)]] {
            #expect(TwoWaySyncRule.plan(items: items, mappings: F.mappings, lines: lines, today: Self.today).held.isEmpty)
        }
    }

    @Test("B7 an item enabled in the cloud for a company without an active contract is a problem naming the service and item")
    func noContract() {
        let plan = TwoWaySyncRule.plan(
            items: [F.item(F.servers, .unlimited)], mappings: F.mappings, lines: [line(1, product: 101, active: false)],
            today: Self.today)
        #expect(plan.changes.isEmpty)
        #expect(plan.problems == [.noContractForService(productID: 102, item: F.servers)])
        #expect(plan.problems[0].description.contains("service 102"))
    }

    @Test("B7 in the planner on Autotask: the sync's items get no quota from the contract, keys name the write")
    func plannerOnAutotask() {
        // Servers enabled in the cloud without a line; workstations disabled with a PAYG line of 10 units.
        let lines = [line(1, product: 101, quantity: "10", .payAsYouGo, contract: 7)]
        let items = [
            F.item(F.workstations, .disabled), F.item(F.servers, .limited(2)), F.item(F.vms, .unlimited),
            F.item(F.storageA, .unlimited), F.item(F.storageB, .disabled),
        ]
        let facts = F.facts(lines: lines, tenant: F.tenant(items), psa: .autotask)
        let plan = F.plan(facts, settings: F.settings(twoWaySync: true))
        // In the mappings' order; Free provisioning and the default storage are enabled in the
        // cloud too, so their services are added like any other.
        #expect(plan.changes.map(\.action) == [
            .removeContractService(tenantID: F.tenantID, line: lines[0], reason: .disabledInCloud(F.workstations)),
            .addContractService(tenantID: F.tenantID, productID: 102, contractID: 7, units: 0, reason: .enabledInCloud(F.servers)),
            .addContractService(tenantID: F.tenantID, productID: 103, contractID: 7, units: 0, reason: .enabledInCloud(F.vms)),
            .addContractService(tenantID: F.tenantID, productID: 201, contractID: 7, units: 0, reason: .enabledInCloud(F.storageA)),
        ])
        #expect(plan.changes.prefix(2).map(\.key) == [
            "provision:autotask:250:tenant:\(F.tenantID):contract-service:remove:1:units-10",
            "provision:autotask:250:tenant:\(F.tenantID):contract-service:add:102:contract-7",
        ])
        #expect(plan.changes[0].description.contains("10 → 0"))

        // Without two-way sync the contract decides: workstations enabled (PAYG), servers disabled.
        let contractOnly = F.plan(facts, settings: F.settings())
        #expect(contractOnly.changes.map(\.action) == [
            F.contractQuota(F.workstations, .disabled, .unlimited, .payAsYouGo),
            F.contractQuota(F.servers, .limited(2), .disabled, .noActiveLine),
        ])
    }

    @Test("B7 is Autotask only, and rests while a deprovisioning clock runs")
    func scope() throws {
        let items = [F.item(F.workstations, .limited(10)), F.item(F.servers, .unlimited)]
        let connectWise = F.plan(F.facts(tenant: F.tenant(items)), settings: F.settings(twoWaySync: true))
        #expect(!connectWise.changes.contains { if case .addContractService = $0.action { true } else { false } })

        let clock = DeprovisioningState(startedAt: F.at(days: -1))
        let facts = F.facts(lines: [], tenant: F.tenant(items), clock: clock, psa: .autotask)
        let resting = F.plan(facts, settings: F.settings(twoWaySync: true))
        #expect(!resting.changes.contains { if case .addContractService = $0.action { true } else { false } })
        #expect(!resting.problems.contains { $0.code == "no-contract-for-service" })
    }
}
