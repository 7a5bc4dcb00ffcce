import BridgeRules
import BridgeValues
import Foundation
import Testing

@Suite("ProvisioningPlanner: scope and quotas of a mapped tenant (P1, P2, P3)")
struct ProvisioningPlannerTests {
    typealias F = PlannerFixture

    @Test("P2, P3: a mapped tenant whose quotas match the contract gets an empty plan", arguments: PSAKind.allCases)
    func unchanged(psa: PSAKind) {
        let plan = F.plan(F.facts(psa: psa))
        #expect(plan.isEmpty)
        #expect(plan.changes.isEmpty && plan.mapping == .unchanged && plan.deprovisioning == nil && plan.problems.isEmpty)
        #expect(plan.description == "company 250 (\(psa.rawValue)):\n  nothing to do")
    }

    @Test("P2: a new prepaid line gives a limited quota of its total quantity; nothing else is written", arguments: PSAKind.allCases)
    func newPrepaidLine(psa: PSAKind) {
        let lines = F.contract + [line(2, product: 102, quantity: "3"), line(3, product: 102, quantity: "2", contract: 2)]
        let plan = F.plan(F.facts(lines: lines, psa: psa))
        #expect(plan.actions == [F.contractQuota(F.servers, .disabled, .limited(5), .prepaid(totalQuantity: 5))])
        #expect(plan.mapping == .unchanged && plan.deprovisioning == nil && plan.problems.isEmpty)
    }

    @Test("P2: a changed prepaid quantity changes the quota from the old value to the new one", arguments: PSAKind.allCases)
    func changedQuantity(psa: PSAKind) {
        let plan = F.plan(F.facts(lines: [line(1, product: 101, quantity: "12")], psa: psa))
        #expect(plan.actions == [F.contractQuota(F.workstations, .limited(10), .limited(12), .prepaid(totalQuantity: 12))])
    }

    @Test("P2: a pay-as-you-go line gives unlimited", arguments: PSAKind.allCases)
    func payAsYouGo(psa: PSAKind) {
        let plan = F.plan(F.facts(lines: F.contract + [line(2, product: 102, quantity: "0", .payAsYouGo)], psa: psa))
        #expect(plan.actions == [F.contractQuota(F.servers, .disabled, .unlimited, .payAsYouGo)])
    }

    @Test("P2: ConnectWise prepaid and pay-as-you-go lines for one product give unlimited")
    func mixedConnectWise() {
        let lines = F.contract + [line(2, product: 102, quantity: "4", contract: 7), line(3, product: 102, quantity: "1", .payAsYouGo, contract: 9)]
        let plan = F.plan(F.facts(lines: lines, psa: .connectWise))
        #expect(plan.actions == [F.contractQuota(F.servers, .disabled, .unlimited, .prepaidAndPayAsYouGo)])
        #expect(plan.problems.isEmpty)
    }

    @Test("P2: an Autotask contract with prepaid and pay-as-you-go lines for one product is a problem; that quota is kept")
    func mixedAutotask() {
        let lines = [
            line(1, product: 101, quantity: "12"), line(2, product: 102, quantity: "4", contract: 7),
            line(3, product: 102, quantity: "1", .payAsYouGo, contract: 9),
        ]
        let plan = F.plan(F.facts(lines: lines, psa: .autotask))
        #expect(plan.actions == [F.contractQuota(F.workstations, .limited(10), .limited(12), .prepaid(totalQuantity: 12))])
        #expect(plan.problems == [.contract(.mixedBilling(productID: 102, contractIDs: [7, 9]))])
        #expect(plan.mapping == .unchanged && !plan.isEmpty)
        #expect(plan.problems[0].code == "mixed-billing")
        #expect(plan.description.contains("problem (mixed-billing): product 102 has pay-as-you-go and prepaid lines"))
    }

    @Test("P2: a product mapped to two items is a problem; both keep their quota, the others are planned")
    func mappedTwice() {
        var mappings = F.mappings
        mappings[1].product = 101
        let tenant = F.tenant([F.item(F.workstations, .limited(3)), F.item(F.servers, .unlimited), F.item(F.vms, .disabled)]
            + F.inStepItems.suffix(2))
        let plan = F.plan(F.facts(tenant: tenant), settings: F.settings(mappings: mappings))
        #expect(plan.actions == [F.contractQuota(F.vms, .disabled, .unlimited, .freeProvisioning)])
        #expect(plan.problems == [.contract(.productMappedTwice(productID: 101, items: [F.servers, F.workstations]))])
    }

    @Test("P2, P3: only items whose value differs are written; a limited quota with an overage is set again; locked items never")
    func onlyDifferences() {
        let tenant = F.tenant([
            F.item(F.workstations, .limited(10), overage: 5), F.item(F.servers, .limited(3), locked: true),
            F.item(F.vms, .unlimited), F.item(F.storageA, .unlimited), F.item(F.storageB, .disabled),
        ])
        let plan = F.plan(F.facts(tenant: tenant))
        #expect(plan.actions == [F.contractQuota(F.workstations, .limited(10), .limited(10), .prepaid(totalQuantity: 10))])
        let soft = F.tenant([F.item(F.workstations, .limited(10), overage: nil)] + F.inStepItems.dropFirst())
        #expect(F.plan(F.facts(tenant: soft)).changes.count == 1)
    }

    @Test("P3: an item whose line ended is disabled while other lines stay active; no deprovisioning clock starts")
    func lineEndsForOneItem() throws {
        let lines = [line(1, product: 101, quantity: "10", end: try day("2024-05-14")), line(2, product: 102, quantity: "2")]
        let tenant = F.tenant([F.item(F.workstations, .limited(10)), F.item(F.servers, .limited(2))] + F.inStepItems.suffix(3))
        let plan = F.plan(F.facts(lines: lines, tenant: tenant), settings: F.settings(deprovisioning: try F.deprovisioning(zero: true, disable: 0)))
        #expect(plan.actions == [F.contractQuota(F.workstations, .limited(10), .disabled, .noActiveLine)])
        #expect(plan.deprovisioning == nil)
    }

    @Test("P3: Free provisioning makes an item without a line unlimited; without it the item is disabled", arguments: [true, false])
    func freeProvisioning(free: Bool) {
        var mappings = F.mappings
        mappings[1].freeProvisioning = free
        let plan = F.plan(F.facts(), settings: F.settings(mappings: mappings))
        #expect(plan.actions == (free ? [F.contractQuota(F.servers, .disabled, .unlimited, .freeProvisioning)] : []))
    }

    @Test("P3: with no storage product on the contract the default storage is on; with one, the storages follow their lines")
    func defaultStorage() {
        let withoutStorage = F.tenant([F.item(F.storageA, .disabled)] + F.inStepItems.filter { $0.item != F.storageA })
        #expect(F.plan(F.facts(tenant: withoutStorage)).actions == [F.contractQuota(F.storageA, .disabled, .unlimited, .defaultStorage)])
        let plan = F.plan(F.facts(lines: F.contract + [line(2, product: 301, quantity: "200")]))
        #expect(plan.actions == [
            F.contractQuota(F.storageA, .unlimited, .disabled, .noActiveLine),
            F.contractQuota(F.storageB, .disabled, .limited(200 * 1_073_741_824), .prepaid(totalQuantity: 200)),
        ])
    }

    @Test("P3: the tenant's unmapped items of a quota'd unit are disabled; other units and items the tenant lacks are left alone")
    func unmappedItems() {
        let security = OfferingItemKey(name: "pw_pack_adv_security")
        let feature = OfferingItemKey(name: "pw_base_feature_x")
        let tenant = F.tenant(F.inStepItems.filter { $0.item != F.storageB } + [
            F.item(security, .unlimited),
            TenantOfferingItem(item: feature, unit: nil, quota: .unlimited),
            TenantOfferingItem(item: OfferingItemKey(name: "pw_compute_points"), unit: nil, quota: .limited(5), overage: nil),
        ])
        let plan = F.plan(F.facts(tenant: tenant))
        #expect(plan.actions == [F.contractQuota(security, .unlimited, .disabled, .unmappedItem)])
    }

    @Test("P3: an item the tenant does not have yet is written only when it is to be on")
    func missingItem() {
        let tenant = F.tenant(F.inStepItems.filter { $0.item != F.storageB && $0.item != F.servers })
        #expect(F.plan(F.facts(tenant: tenant)).isEmpty)
        let plan = F.plan(F.facts(lines: F.contract + [line(2, product: 102, quantity: "1")], tenant: tenant))
        #expect(plan.actions == [F.contractQuota(F.servers, nil, .limited(1), .prepaid(totalQuantity: 1))])
    }

    @Test("P1: a company out of scope gets nothing, whatever its tenant and lines", arguments: [
        CompanyFacts(id: "250", name: "Green Inc.", typeNames: ["Customer"], isActive: false),
        CompanyFacts(id: "250", name: "Green Inc.", typeNames: ["Customer"], isActive: true, isDeleted: true),
        CompanyFacts(id: "250", name: "Green Inc.", typeNames: ["Vendor"], isActive: true),
    ])
    func outOfScope(company: CompanyFacts) throws {
        let stale = F.tenant([F.item(F.workstations, .unlimited)])
        let settings = F.settings(automaticCreation: true, deprovisioning: try F.deprovisioning(zero: true, disable: 0, delete: 0))
        for facts in [F.facts(lines: [], tenant: stale, company: company), F.facts(.notMapped, tenant: nil, company: company)] {
            let plan = F.plan(facts, settings: settings)
            #expect(plan.isEmpty)
            #expect(plan.outOfScope == CompanyScope().evaluate(company).outOfScopeReason)
            #expect(plan.description.contains("out of scope"))
        }
    }

    @Test("P1: a mapped tenant in self-service mode or with support access disabled gets nothing written; the mapping stays and says why",
          arguments: [(true, false, TenantGuard.Protection.selfServiceMode), (false, true, .supportAccessDisabled), (true, true, .selfServiceMode)])
    func protectedTenant(selfService: Bool, noSupport: Bool, protection: TenantGuard.Protection) throws {
        let tenant = F.tenant([F.item(F.workstations, .unlimited)], enabled: false, selfService: selfService,
                              supportAccessDisabled: noSupport, pricingMode: .trial, createdAt: F.at(days: -90))
        let settings = F.settings(deprovisioning: try F.deprovisioning(zero: true, disable: 0, delete: 0))
        let clock = DeprovisioningState(startedAt: F.at(days: -40), disabledAt: F.at(days: -30))
        for (lines, clock) in [([], clock), (F.contract, clock), ([], DeprovisioningState.notStarted)] {
            let plan = F.plan(F.facts(lines: lines, tenant: tenant, clock: clock), settings: settings)
            #expect(plan.changes.isEmpty)
            #expect(plan.mapping == .unchanged && plan.deprovisioning == nil)
            #expect(plan.problems == [.tenantProtected(tenantID: F.tenantID, protection)])
            #expect(plan.description.contains(protection.explanation))
        }
    }

    @Test("P2, P7: keys name the company, the tenant, the item and the value; they are unique and the same when planned again")
    func keys() throws {
        let lines = [line(1, product: 101, quantity: "12"), line(2, product: 102, quantity: "1", .payAsYouGo)]
        let tenant = F.tenant(pricingMode: .trial, createdAt: F.at(days: -40))
        let plan = F.plan(F.facts(lines: lines, tenant: tenant, psa: .autotask))
        let prefix = "provision:autotask:250:tenant:\(F.tenantID):"
        #expect(plan.changes.map(\.key) == [
            prefix + "quota:pw_base_workstations:limited-12", prefix + "quota:pw_base_servers:unlimited",
            prefix + "pricing:production",
        ])
        #expect(F.plan(F.facts(lines: lines, tenant: tenant, psa: .autotask)).changes.map(\.key) == plan.changes.map(\.key))
        let off = F.plan(F.facts(lines: [line(2, product: 102, quantity: "1")], psa: .connectWise))
        #expect(off.changes.map(\.key) == [
            "provision:connectwise:250:tenant:\(F.tenantID):quota:pw_base_workstations:disabled",
            "provision:connectwise:250:tenant:\(F.tenantID):quota:pw_base_servers:limited-1",
        ])
    }

    @Test("P2: each change describes itself old → new with the reason, for bridgectl plan")
    func descriptions() {
        let plan = F.plan(F.facts(lines: [line(1, product: 101, quantity: "12"), line(2, product: 102, quantity: "1", .payAsYouGo)]))
        #expect(plan.changes.map(\.description) == [
            "set pw_base_workstations on tenant \(F.tenantID): limited to 10 → limited to 12; prepaid lines total 12 (P2, P3)",
            "set pw_base_servers on tenant \(F.tenantID): disabled → unlimited; pay-as-you-go line (P2, P3)",
        ])
        #expect(plan.description.contains("  1. set pw_base_workstations") && plan.description.contains("  2. set pw_base_servers"))
    }
}

extension CompanyScope.Decision {
    /// The reason when out of scope.
    var outOfScopeReason: CompanyScope.Reason? {
        if case .outOfScope(let reason) = self { return reason }
        return nil
    }
}
