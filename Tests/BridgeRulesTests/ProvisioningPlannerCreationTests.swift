import BridgeRules
import BridgeValues
import Foundation
import Testing

@Suite("ProvisioningPlanner: new tenants, mappings and Trial (P1, P4, P5, P7)")
struct ProvisioningPlannerCreationTests {
    typealias F = PlannerFixture

    static let tenantPlan = TenantPlan(
        name: "Green Inc.", customerID: "250", admin: F.admin, twoFactorAuthentication: false, pricingMode: .production)

    /// The quotas ``PlannerFixture/contract`` gives a new tenant: items that stay off are not written.
    static let newTenantQuotas: [ProvisioningChange.Action] = [
        F.contractQuota(F.workstations, nil, .limited(10), .prepaid(totalQuantity: 10), on: F.newTenant),
        F.contractQuota(F.vms, nil, .unlimited, .freeProvisioning, on: F.newTenant),
        F.contractQuota(F.storageA, nil, .unlimited, .defaultStorage, on: F.newTenant),
    ]

    @Test("P4: with automatic creation on, an unmapped company with an active mapped line gets a tenant, its quotas, an admin and the activation email in one plan, and is mapped to it",
          arguments: PSAKind.allCases)
    func automaticCustomer(psa: PSAKind) {
        let plan = F.plan(F.facts(.notMapped, tenant: nil, psa: psa), settings: F.settings(automaticCreation: true))
        #expect(plan.actions == [
            .createTenant(Self.tenantPlan, reason: .automaticCustomer),
            .setPricingMode(tenant: F.newTenant, from: .trial, to: .production, reason: .productionSetting),
        ] + Self.newTenantQuotas + [
            .createAdminUser(tenant: F.newTenant, user: F.admin),
            .sendActivationEmail(tenant: F.newTenant, user: F.admin),
        ])
        #expect(plan.mapping == .mappedToNewTenant)
        #expect(plan.mapping.status(createdTenantID: F.newTenantID) == .mapped(tenantID: F.newTenantID))
        #expect(plan.mapping.status(createdTenantID: nil) == nil)
        #expect(plan.deprovisioning == nil && plan.problems.isEmpty)
        #expect(plan.changes.allSatisfy { $0.tenant == F.newTenant })
        #expect(F.newTenant.resolved(createdTenantID: F.newTenantID) == F.newTenantID)
        #expect(F.linked.resolved(createdTenantID: F.newTenantID) == F.tenantID)
    }

    @Test("P4: the tick after the creation finds the new tenant mapped and in step: an empty plan")
    func afterCreation() {
        let settings = F.settings(automaticCreation: true)
        let created = F.plan(F.facts(.notMapped, tenant: nil), settings: settings)
        let tenant = F.carryOut(created, on: nil)
        let status = created.mapping.status(createdTenantID: tenant?.id)
        #expect(status == .mapped(tenantID: F.newTenantID))
        let next = F.plan(F.facts(status ?? .notMapped, tenant: tenant), settings: settings, now: F.at(days: 0, seconds: 900))
        #expect(next.isEmpty)
    }

    @Test("P4, P5: nothing is created with automatic creation off, without an active line for a mapped product, or for a line of an unmapped product")
    func noAutomaticCustomer() throws {
        let cases: [(Bool, [ContractLine])] = [
            (false, F.contract),
            (true, []),
            (true, [line(1, product: 101, quantity: "10", end: try day("2024-05-14"))]),
            (true, [line(1, product: 101, quantity: "10", active: false)]),
            (true, [line(1, product: 999, quantity: "10")]),
        ]
        for (automatic, lines) in cases {
            #expect(F.plan(F.facts(.notMapped, lines: lines, tenant: nil), settings: F.settings(automaticCreation: automatic)).isEmpty)
        }
    }

    @Test("P4, P7: a company whose primary contact has no email gets no tenant; the mapping fails with the reason, and the next tick retries")
    func contactWithoutEmail() {
        let noEmail = ContactFacts(firstName: "Jane", lastName: "Doe", email: nil)
        let settings = F.settings(automaticCreation: true)
        let plan = F.plan(F.facts(.notMapped, tenant: nil, contact: noEmail), settings: settings)
        let reason = TenantPlanError.primaryContactHasNoEmail(contactName: "Jane Doe").description
        let failed = MappingStatus.mappingFailed(reason: reason, target: .newTenant)
        #expect(plan.changes.isEmpty)
        #expect(plan.mapping == .set(failed))
        #expect(plan.problems == [.tenantPlan(.primaryContactHasNoEmail(contactName: "Jane Doe"))])
        #expect(plan.description.contains("Jane Doe has no email address"))

        let again = F.plan(F.facts(failed, tenant: nil, contact: noEmail), settings: settings)
        #expect(again.changes.isEmpty && again.mapping == .unchanged && again.problems == plan.problems)

        let fixed = F.plan(F.facts(failed, tenant: nil), settings: settings)
        #expect(fixed.actions.first == .createTenant(Self.tenantPlan, reason: .mappingRequest))
        #expect(fixed.mapping == .mappedToNewTenant && fixed.problems.isEmpty)
    }

    @Test("P4: no primary contact, or accounts based on the company name without an activation address, fail the mapping with the reason")
    func otherPlanFailures() {
        let missing = F.plan(F.facts(.notMapped, tenant: nil, contact: nil), settings: F.settings(automaticCreation: true))
        #expect(missing.mapping == .set(.mappingFailed(reason: TenantPlanError.noPrimaryContact.description, target: .newTenant)))
        let noAddress = ProvisioningPolicy(adminAccount: .companyName(activationEmail: ""))
        let request = F.plan(F.facts(.readyForMapping(.newTenant), tenant: nil), settings: F.settings(provisioning: noAddress))
        #expect(request.mapping == .set(.mappingFailed(reason: TenantPlanError.activationEmailMissing.description, target: .newTenant)))
        #expect(request.changes.isEmpty && request.problems == [.tenantPlan(.activationEmailMissing)])
    }

    @Test("P4: Trial and two-factor authentication as set: 2FA on, no switch to Production at creation")
    func trialAndTwoFactor() {
        let policy = ProvisioningPolicy(automaticallyCreateCustomers: true, twoFactorAuthentication: true, pricingMode: .trial)
        let plan = F.plan(F.facts(.notMapped, tenant: nil), settings: F.settings(provisioning: policy))
        var expected = Self.tenantPlan
        expected.twoFactorAuthentication = true
        expected.pricingMode = .trial
        #expect(plan.actions == [.createTenant(expected, reason: .automaticCustomer), .enableTwoFactor(tenant: F.newTenant)]
            + Self.newTenantQuotas + [.createAdminUser(tenant: F.newTenant, user: F.admin), .sendActivationEmail(tenant: F.newTenant, user: F.admin)])
    }

    @Test("P4: with the password defined manually the admin's password is set and no activation email is sent")
    func passwordDefinedManually() {
        let policy = ProvisioningPolicy(automaticallyCreateCustomers: true, accountPassword: .definedManually)
        let plan = F.plan(F.facts(.notMapped, tenant: nil), settings: F.settings(provisioning: policy))
        #expect(plan.actions.suffix(2) == [.createAdminUser(tenant: F.newTenant, user: F.admin), .setAdminPassword(tenant: F.newTenant, user: F.admin)])
        #expect(!plan.actions.contains { if case .sendActivationEmail = $0 { true } else { false } })
    }

    @Test("P4: accounts based on the company name make an admin named after it, with the activation email to the configured address")
    func companyNameAdmin() {
        let policy = ProvisioningPolicy(automaticallyCreateCustomers: true, adminAccount: .companyName(activationEmail: "ops@msp.example"))
        let plan = F.plan(F.facts(.notMapped, tenant: nil, contact: nil), settings: F.settings(provisioning: policy))
        let admin = AdminUserPlan(login: "green.inc.admin", email: "ops@msp.example", firstName: "Green Inc.", lastName: "Administrator")
        #expect(plan.actions.suffix(2) == [.createAdminUser(tenant: F.newTenant, user: admin), .sendActivationEmail(tenant: F.newTenant, user: admin)])
    }

    @Test("P4: a new tenant's keys are by company and stay the same when planned again; descriptions say old → new")
    func newTenantKeys() {
        let settings = F.settings(automaticCreation: true)
        let plan = F.plan(F.facts(.notMapped, tenant: nil), settings: settings)
        let prefix = "provision:connectwise:250:new-tenant:"
        #expect(plan.changes.map(\.key) == [
            prefix + "create", prefix + "pricing:production", prefix + "quota:pw_base_workstations:limited-10",
            prefix + "quota:pw_base_vms:unlimited", prefix + "quota:pw_base_storage@infra-a:unlimited",
            prefix + "admin-user:jane.doe@green.example", prefix + "activation-email:jane.doe@green.example",
        ])
        #expect(F.plan(F.facts(.notMapped, tenant: nil), settings: settings, now: F.at(days: 1)).changes.map(\.key) == plan.changes.map(\.key))
        #expect(plan.changes[0].description
            == "create customer tenant \"Green Inc.\" (customer id 250, production, 2FA off): none → created; automatic customer: an active line for a mapped product (P4)")
        #expect(plan.changes[2].description
            == "set pw_base_workstations on the new tenant (customer id 250): not enabled → limited to 10; prepaid lines total 10 (P2, P3)")
        #expect(plan.description.hasSuffix("mapping → Mapped (the new tenant)"))
    }

    @Test("P4: a Trial tenant is switched to Production after a full month of trial, not a second earlier", arguments: [
        ("2024-04-15T18:00:00Z", "2024-05-14T23:59:59Z", "2024-05-15T00:00:00Z", "2024-04-15"),
        ("2024-01-31T12:00:00Z", "2024-02-28T23:59:59Z", "2024-02-29T00:00:00Z", "2024-01-31"),
        ("2023-12-01T00:00:00Z", "2023-12-31T23:59:59Z", "2024-01-01T00:00:00Z", "2023-12-01"),
    ])
    func trialMonth(created: String, before: String, due: String, startDay: String) throws {
        let tenant = F.tenant(pricingMode: .trial, createdAt: try utc(created))
        #expect(F.plan(F.facts(tenant: tenant), now: try utc(before)).isEmpty)
        let plan = F.plan(F.facts(tenant: tenant), now: try utc(due))
        #expect(plan.actions == [.setPricingMode(tenant: F.linked, from: .trial, to: .production, reason: .trialMonthOver(trialStartedOn: try day(startDay)))])
        #expect(plan.changes[0].key == "provision:connectwise:250:tenant:\(F.tenantID):pricing:production")
        #expect(plan.changes[0].description.contains("trial → production; a full month of trial since \(startDay) (P4)"))
    }

    @Test("P4: Production tenants, and tenants whose mode or creation time is unknown, are not switched")
    func noTrialSwitch() {
        let old = F.at(days: -400)
        for tenant in [F.tenant(pricingMode: .production, createdAt: old), F.tenant(pricingMode: nil, createdAt: old), F.tenant(pricingMode: .trial, createdAt: nil)] {
            #expect(F.plan(F.facts(tenant: tenant)).isEmpty)
        }
    }

    @Test("P5: a request to map to a new tenant creates it, sets its quotas and maps it, with automatic creation off and no line")
    func mapToNewTenant() {
        let plan = F.plan(F.facts(.readyForMapping(.newTenant), lines: [], tenant: nil))
        #expect(plan.actions == [
            .createTenant(Self.tenantPlan, reason: .mappingRequest),
            .setPricingMode(tenant: F.newTenant, from: .trial, to: .production, reason: .productionSetting),
            F.contractQuota(F.vms, nil, .unlimited, .freeProvisioning, on: F.newTenant),
            F.contractQuota(F.storageA, nil, .unlimited, .defaultStorage, on: F.newTenant),
            .createAdminUser(tenant: F.newTenant, user: F.admin),
            .sendActivationEmail(tenant: F.newTenant, user: F.admin),
        ])
        #expect(plan.mapping == .mappedToNewTenant)
    }

    @Test("P1, P5: a mapping request for a company out of scope fails with the reason instead of waiting as Ready for mapping; once failed, the next plan is empty",
          arguments: [CompanyScope.Reason.inactive, .notCustomerType, .deleted])
    func requestOutOfScope(reason: CompanyScope.Reason) {
        var company = F.company
        switch reason {
        case .inactive: company.isActive = false
        case .notCustomerType: company.typeNames = ["Vendor"]
        case .deleted: company.isDeleted = true
        }
        for target in [MappingTarget.newTenant, .existingTenant(tenantID: F.tenantID)] {
            let plan = F.plan(F.facts(.readyForMapping(target), tenant: nil, company: company))
            #expect(plan.outOfScope == reason && plan.changes.isEmpty)
            #expect(plan.problems == [.outOfScope(reason)])
            let failed = MappingStatus.mappingFailed(reason: ProvisioningProblem.outOfScope(reason).description, target: target)
            #expect(plan.mapping == .set(failed), "\(plan.mapping)")
            #expect(F.plan(F.facts(failed, tenant: nil, company: company)).isEmpty, "nothing more until it is in scope")
        }
    }

    @Test("P5, P6: a new tenant starts with no deprovisioning clock, whatever clock was stored for the company")
    func newTenantClock() {
        let stale = DeprovisioningState(startedAt: F.at(days: -60), disabledAt: F.at(days: -50), deletedAt: F.at(days: -30))
        let plan = F.plan(F.facts(.readyForMapping(.newTenant), tenant: nil, clock: stale))
        #expect(plan.deprovisioning == .notStarted)
    }

    @Test("P5: a request to map to an existing tenant links it and sets its quotas in the same plan; a failed one is retried", arguments: [
        MappingStatus.readyForMapping(.existingTenant(tenantID: PlannerFixture.tenantID)),
        .mappingFailed(reason: "timeout", target: .existingTenant(tenantID: PlannerFixture.tenantID)),
    ])
    func mapToExisting(status: MappingStatus) {
        let tenant = F.tenant([F.item(F.workstations, .unlimited)] + F.inStepItems.dropFirst())
        let plan = F.plan(F.facts(status, tenant: tenant))
        #expect(plan.mapping == .set(.mapped(tenantID: F.tenantID)))
        #expect(plan.actions == [F.contractQuota(F.workstations, .unlimited, .limited(10), .prepaid(totalQuantity: 10))])
        #expect(plan.problems.isEmpty)
    }

    @Test("P5: a chosen tenant the cloud no longer has fails the mapping with the reason", arguments: [
        MappingStatus.readyForMapping(.existingTenant(tenantID: PlannerFixture.tenantID)),
        .mappingFailed(reason: "timeout", target: .existingTenant(tenantID: PlannerFixture.tenantID)),
    ])
    func chosenTenantGone(status: MappingStatus) {
        let plan = F.plan(F.facts(status, tenant: nil))
        #expect(plan.changes.isEmpty)
        #expect(plan.mapping == .set(.mappingFailed(reason: "the chosen tenant no longer exists", target: .existingTenant(tenantID: F.tenantID))))
    }

    @Test("P1, P5: a request to map to a self-service, support-access-disabled or folder tenant fails with the reason; nothing is written", arguments: [
        (PlannerFixture.tenant(selfService: true), TenantGuard.Protection.selfServiceMode),
        (PlannerFixture.tenant(supportAccessDisabled: true), .supportAccessDisabled),
        (PlannerFixture.tenant(kind: "folder"), .unsupportedKind("folder")),
    ])
    func protectedChoice(tenant: TenantFacts, protection: TenantGuard.Protection) {
        var stale = tenant
        stale.offeringItems = [F.item(F.workstations, .unlimited)]
        let plan = F.plan(F.facts(.readyForMapping(.existingTenant(tenantID: F.tenantID)), tenant: stale))
        #expect(plan.changes.isEmpty && plan.deprovisioning == nil)
        #expect(plan.mapping == .set(.mappingFailed(reason: protection.explanation, target: .existingTenant(tenantID: F.tenantID))))
        #expect(plan.problems == [.tenantProtected(tenantID: F.tenantID, protection)])
    }

    @Test("P5: a mapped tenant the cloud no longer has shows Tenant missing, with nothing written")
    func tenantGone() throws {
        let settings = F.settings(deprovisioning: try F.deprovisioning(zero: true, disable: 0))
        let plan = F.plan(F.facts(lines: [], tenant: nil), settings: settings)
        #expect(plan.changes.isEmpty && plan.deprovisioning == nil)
        #expect(plan.mapping == .set(.tenantMissing(tenantID: F.tenantID)))
        #expect(F.plan(F.facts(.tenantMissing(tenantID: F.tenantID), tenant: nil)).isEmpty)
    }

    @Test("P5: a tenant or company that is back restores Mapped and the tenant is synced in the same plan")
    func sidesBack() {
        let stale = F.tenant([F.item(F.workstations, .limited(4))] + F.inStepItems.dropFirst())
        let change = F.contractQuota(F.workstations, .limited(4), .limited(10), .prepaid(totalQuantity: 10))
        for status in [MappingStatus.tenantMissing(tenantID: F.tenantID), .companyMissing(tenantID: F.tenantID)] {
            let plan = F.plan(F.facts(status, tenant: stale))
            #expect(plan.mapping == .set(.mapped(tenantID: F.tenantID)))
            #expect(plan.actions == [change])
        }
        let bothGone = F.plan(F.facts(.companyMissing(tenantID: F.tenantID), tenant: nil))
        #expect(bothGone.mapping == .set(.tenantMissing(tenantID: F.tenantID)) && bothGone.changes.isEmpty)
    }

    @Test("P5, P7: tenant facts for another tenant than the mapping names plan nothing and say so")
    func tenantMismatch() {
        let other = F.tenant([F.item(F.workstations, .unlimited)], id: "other")
        for status in [MappingStatus.mapped(tenantID: F.tenantID), .readyForMapping(.existingTenant(tenantID: F.tenantID))] {
            let plan = F.plan(F.facts(status, tenant: other))
            #expect(plan.changes.isEmpty && plan.mapping == .unchanged && plan.deprovisioning == nil)
            #expect(plan.problems == [.tenantMismatch(expected: F.tenantID, found: "other")])
            #expect(plan.problems[0].code == "tenant-mismatch")
        }
    }
}
