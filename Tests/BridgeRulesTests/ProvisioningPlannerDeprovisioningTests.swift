import BridgeRules
import BridgeValues
import Foundation
import Testing

@Suite("ProvisioningPlanner: deprovisioning clock (P6)")
struct ProvisioningPlannerDeprovisioningTests {
    typealias F = PlannerFixture

    /// 10 workstations ended the day before ``PlannerFixture/now``.
    static func endedContract() throws -> [ContractLine] {
        [line(1, product: 101, quantity: "10", end: try day("2024-05-14"))]
    }

    /// The tenant with every item that was on at zero.
    static let zeroedItems = [
        F.item(F.workstations, .limited(0)), F.item(F.servers, .disabled), F.item(F.vms, .limited(0)),
        F.item(F.storageA, .limited(0)), F.item(F.storageB, .disabled),
    ]

    /// One tick per instant, each carrying out the previous plan: the actions planned and the
    /// state the cloud and the store end in.
    static func run(
        ticks: [Date], lines: [ContractLine] = [], tenant: TenantFacts? = F.tenant(),
        clock: DeprovisioningState = .notStarted, settings: ProvisioningPlannerSettings
    ) -> (actions: [[ProvisioningChange.Action]], tenant: TenantFacts?, clock: DeprovisioningState, mapping: MappingStatus) {
        var tenant = tenant
        var clock = clock
        var mapping = MappingStatus.mapped(tenantID: F.tenantID)
        var log: [[ProvisioningChange.Action]] = []
        for tick in ticks {
            let plan = F.plan(F.facts(mapping, lines: lines, tenant: tenant, clock: clock), settings: settings, now: tick)
            log.append(plan.actions)
            tenant = F.carryOut(plan, on: tenant, at: tick)
            clock = plan.deprovisioning ?? clock
            mapping = plan.mapping.status(createdTenantID: nil) ?? mapping
        }
        return (log, tenant, clock, mapping)
    }

    @Test("P6: when the company's last line ends the clock starts and every quota that is on goes to zero at once", arguments: PSAKind.allCases)
    func lineEndsZero(psa: PSAKind) throws {
        let settings = F.settings(deprovisioning: try F.deprovisioning(zero: true, disable: 10, delete: 30))
        let plan = F.plan(F.facts(lines: try Self.endedContract(), psa: psa), settings: settings)
        #expect(plan.actions == [
            F.zeroQuota(F.workstations, .limited(10), clock: F.now), F.zeroQuota(F.vms, .unlimited, clock: F.now),
            F.zeroQuota(F.storageA, .unlimited, clock: F.now),
        ])
        #expect(plan.deprovisioning == DeprovisioningState(startedAt: F.now, quotasZeroedAt: F.now))
        #expect(plan.mapping == .unchanged && plan.problems.isEmpty)
        let start = Int(F.now.timeIntervalSince1970)
        #expect(plan.changes[0].key == "provision:\(psa.rawValue):250:tenant:\(F.tenantID):quota:pw_base_workstations:limited-0:clock-\(start)")
        #expect(plan.changes[0].description.hasSuffix("limited to 10 → limited to 0; no active line for a mapped product since 2024-05-15T10:00:00Z; quotas to zero (P6)"))
    }

    @Test("P6: with quotas to zero off the clock starts and the contract rule goes on: items without a line off, Free and default storage on")
    func lineEndsNoZero() throws {
        let settings = F.settings(deprovisioning: try F.deprovisioning(disable: 10))
        let plan = F.plan(F.facts(lines: try Self.endedContract()), settings: settings)
        #expect(plan.actions == [F.contractQuota(F.workstations, .limited(10), .disabled, .noActiveLine)])
        #expect(plan.deprovisioning == DeprovisioningState(startedAt: F.now))
        #expect(plan.description.contains("deprovisioning clock → started 2024-05-15T10:00:00Z"))
    }

    @Test("P6: with every setting off the clock runs and nothing else happens, however many days pass")
    func allOff() throws {
        let noLineItems = [F.item(F.workstations, .disabled)] + F.inStepItems.dropFirst()
        let run = Self.run(ticks: [F.now, F.at(days: 10), F.at(days: 1000)], tenant: F.tenant(noLineItems), settings: F.settings())
        #expect(run.actions == [[], [], []])
        #expect(run.clock == DeprovisioningState(startedAt: F.now) && run.tenant?.isEnabled == true)
    }

    @Test("P6: days pass: disabled exactly N days after the start, deleted exactly M days after it, each once; the mapping then shows Tenant missing",
          arguments: PSAKind.allCases)
    func daysPass(psa: PSAKind) throws {
        let settings = F.settings(deprovisioning: try F.deprovisioning(zero: true, disable: 10, delete: 30))
        let ticks = [F.now, F.at(days: 9), F.at(days: 10, seconds: -1), F.at(days: 10), F.at(days: 11), F.at(days: 30, seconds: -1), F.at(days: 30), F.at(days: 31)]
        let run = Self.run(ticks: ticks, settings: settings)
        #expect(run.actions == [
            [F.zeroQuota(F.workstations, .limited(10), clock: F.now), F.zeroQuota(F.vms, .unlimited, clock: F.now), F.zeroQuota(F.storageA, .unlimited, clock: F.now)],
            [], [],
            [.disableTenant(tenantID: F.tenantID, clockStartedAt: F.now)],
            [], [],
            [.deleteTenant(tenantID: F.tenantID, clockStartedAt: F.now)],
            [],
        ])
        #expect(run.tenant == nil)
        #expect(run.mapping == .tenantMissing(tenantID: F.tenantID))
        #expect(run.clock == DeprovisioningState(startedAt: F.now, quotasZeroedAt: F.now, disabledAt: F.at(days: 10), deletedAt: F.at(days: 30)))
    }

    @Test("P6: a tick between the clock's steps writes nothing: an empty plan")
    func betweenSteps() throws {
        let settings = F.settings(deprovisioning: try F.deprovisioning(zero: true, disable: 10))
        let clock = DeprovisioningState(startedAt: F.now, quotasZeroedAt: F.now)
        #expect(F.plan(F.facts(lines: [], tenant: F.tenant(Self.zeroedItems), clock: clock), settings: settings, now: F.at(days: 5)).isEmpty)
    }

    @Test("P6: the disable and delete keys and descriptions name the clock they belong to")
    func clockKeys() throws {
        let settings = F.settings(deprovisioning: try F.deprovisioning(disable: 0, delete: 0))
        let tenant = F.tenant([F.item(F.workstations, .disabled)] + F.inStepItems.dropFirst())
        let plan = F.plan(F.facts(lines: [], tenant: tenant, psa: .autotask), settings: settings)
        let start = Int(F.now.timeIntervalSince1970)
        let prefix = "provision:autotask:250:tenant:\(F.tenantID):"
        #expect(plan.changes.map(\.key) == [prefix + "disable:clock-\(start)", prefix + "delete"])
        #expect(plan.changes.map(\.description) == [
            "disable tenant \(F.tenantID): enabled → disabled; no active line for a mapped product since 2024-05-15T10:00:00Z (P6)",
            "delete tenant \(F.tenantID): disabled → deleted; no active line for a mapped product since 2024-05-15T10:00:00Z (P6)",
        ])
    }

    @Test("P6: a tenant is disabled before it is deleted, in the same plan when disabling is off or due later, with no quota written first")
    func disableBeforeDelete() throws {
        for policy in [try F.deprovisioning(delete: 5), try F.deprovisioning(disable: 20, delete: 5), try F.deprovisioning(zero: true, delete: 5)] {
            let run = Self.run(ticks: [F.now, F.at(days: 5)], tenant: F.tenant(Self.zeroedItems), settings: F.settings(deprovisioning: policy))
            #expect(run.actions[1] == [.disableTenant(tenantID: F.tenantID, clockStartedAt: F.now), .deleteTenant(tenantID: F.tenantID, clockStartedAt: F.now)])
        }
        let immediate = F.plan(F.facts(lines: []), settings: F.settings(deprovisioning: try F.deprovisioning(zero: true, disable: 0, delete: 0)))
        #expect(immediate.actions == [.disableTenant(tenantID: F.tenantID, clockStartedAt: F.now), .deleteTenant(tenantID: F.tenantID, clockStartedAt: F.now)])
        #expect(immediate.mapping == .set(.tenantMissing(tenantID: F.tenantID)))
        #expect(immediate.deprovisioning == DeprovisioningState(startedAt: F.now, quotasZeroedAt: F.now, disabledAt: F.now, deletedAt: F.now))
    }

    @Test("P6: a line that comes back enables the tenant, sets the quotas from the contract again and resets the clock", arguments: PSAKind.allCases)
    func lineReturns(psa: PSAKind) throws {
        let settings = F.settings(deprovisioning: try F.deprovisioning(zero: true, disable: 10, delete: 30))
        let start = F.at(days: -12)
        let clock = DeprovisioningState(startedAt: start, quotasZeroedAt: start, disabledAt: F.at(days: -2))
        let plan = F.plan(F.facts(tenant: F.tenant(Self.zeroedItems, enabled: false), clock: clock, psa: psa), settings: settings)
        #expect(plan.actions == [
            .enableTenant(tenantID: F.tenantID, clockStartedAt: start),
            F.contractQuota(F.workstations, .limited(0), .limited(10), .prepaid(totalQuantity: 10)),
            F.contractQuota(F.vms, .limited(0), .unlimited, .freeProvisioning),
            F.contractQuota(F.storageA, .limited(0), .unlimited, .defaultStorage),
        ])
        #expect(plan.deprovisioning == .notStarted)
        #expect(plan.changes[0].key == "provision:\(psa.rawValue):250:tenant:\(F.tenantID):enable:clock-\(Int(start.timeIntervalSince1970))")
        #expect(plan.description.contains("deprovisioning clock → not started"))
    }

    @Test("P6: after a reset the clock starts again from the next loss of lines, and counts from there")
    func restart() throws {
        let settings = F.settings(deprovisioning: try F.deprovisioning(disable: 10))
        let lost = F.at(days: 20)
        let run = Self.run(ticks: [lost, F.at(days: 29), F.at(days: 30)], tenant: F.tenant([F.item(F.workstations, .disabled)] + F.inStepItems.dropFirst()),
                           clock: DeprovisioningState.notStarted, settings: settings)
        #expect(run.actions == [[], [], [.disableTenant(tenantID: F.tenantID, clockStartedAt: lost)]])
    }

    @Test("P6: a line back before anything was done resets the clock with nothing written")
    func lineReturnsEarly() throws {
        let settings = F.settings(deprovisioning: try F.deprovisioning(disable: 10))
        let plan = F.plan(F.facts(clock: DeprovisioningState(startedAt: F.at(days: -3))), settings: settings)
        #expect(plan.changes.isEmpty && plan.deprovisioning == .notStarted && !plan.isEmpty)
    }

    @Test("P6: while the clock holds quotas at zero a quota raised by hand is zeroed again, and items that are off stay off")
    func holdsZero() throws {
        let settings = F.settings(deprovisioning: try F.deprovisioning(zero: true, disable: 10))
        let start = F.at(days: -3)
        var items = Self.zeroedItems
        items[0] = F.item(F.workstations, .limited(5))
        let plan = F.plan(F.facts(lines: [], tenant: F.tenant(items), clock: DeprovisioningState(startedAt: start, quotasZeroedAt: start)), settings: settings)
        #expect(plan.actions == [F.zeroQuota(F.workstations, .limited(5), clock: start)])
        #expect(plan.deprovisioning == nil)
    }

    @Test("P6: locked items and items of other units are not zeroed")
    func zeroSkips() throws {
        let settings = F.settings(deprovisioning: try F.deprovisioning(zero: true))
        let points = TenantOfferingItem(item: OfferingItemKey(name: "pw_compute_points"), unit: nil, quota: .limited(5))
        let tenant = F.tenant([F.item(F.workstations, .limited(10), locked: true), points, F.item(F.vms, .limited(0))])
        let plan = F.plan(F.facts(lines: [], tenant: tenant), settings: settings)
        #expect(plan.changes.isEmpty && plan.deprovisioning == DeprovisioningState(startedAt: F.now, quotasZeroedAt: F.now))
    }

    @Test("P6: a tenant an operator disabled is not claimed by the clock: not disabled again, not enabled when a line comes back, deleted when due")
    func operatorDisabled() throws {
        let settings = F.settings(deprovisioning: try F.deprovisioning(disable: 10, delete: 30))
        let start = F.at(days: -10)
        let tenant = F.tenant([F.item(F.workstations, .disabled)] + F.inStepItems.dropFirst(), enabled: false)
        let clock = DeprovisioningState(startedAt: start)
        let due = F.plan(F.facts(lines: [], tenant: tenant, clock: clock), settings: settings)
        #expect(due.isEmpty)
        let back = F.plan(F.facts(tenant: F.tenant(enabled: false), clock: clock), settings: settings)
        #expect(back.changes.isEmpty && back.deprovisioning == .notStarted)
        let deleted = F.plan(F.facts(lines: [], tenant: tenant, clock: clock), settings: settings, now: F.at(days: 20))
        #expect(deleted.actions == [.deleteTenant(tenantID: F.tenantID, clockStartedAt: start)])
        #expect(deleted.deprovisioning == DeprovisioningState(startedAt: start, deletedAt: F.at(days: 20)))
    }

    @Test("P6: a line that comes back after deletion cannot undo it; a tenant that is restored starts a new clock")
    func afterDeletion() throws {
        let settings = F.settings(deprovisioning: try F.deprovisioning(zero: true, disable: 10, delete: 30))
        let deleted = DeprovisioningState(startedAt: F.at(days: -40), disabledAt: F.at(days: -30), deletedAt: F.at(days: -10))
        #expect(F.plan(F.facts(.tenantMissing(tenantID: F.tenantID), tenant: nil, clock: deleted), settings: settings).isEmpty)
        let restored = F.plan(F.facts(.tenantMissing(tenantID: F.tenantID), tenant: F.tenant(), clock: deleted), settings: settings)
        #expect(restored.mapping == .set(.mapped(tenantID: F.tenantID)))
        #expect(restored.changes.isEmpty && restored.deprovisioning == .notStarted)
    }

    @Test("P6: a mapped tenant with no line at all (mapped by hand to an existing tenant) starts the clock on the pass that maps it")
    func mappedWithoutLines() throws {
        let settings = F.settings(deprovisioning: try F.deprovisioning(disable: 10))
        let tenant = F.tenant([F.item(F.workstations, .disabled)] + F.inStepItems.dropFirst())
        let plan = F.plan(F.facts(.readyForMapping(.existingTenant(tenantID: F.tenantID)), lines: [], tenant: tenant), settings: settings)
        #expect(plan.mapping == .set(.mapped(tenantID: F.tenantID)))
        #expect(plan.changes.isEmpty && plan.deprovisioning == DeprovisioningState(startedAt: F.now))
    }
}
