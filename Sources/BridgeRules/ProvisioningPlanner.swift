import BridgeValues
import Foundation

/// The provisioning pass for one PSA company (P1-P7), as a pure function from its facts, the
/// settings and the time of the tick to a ``ProvisioningPlan``. It composes the rules: scope
/// (``CompanyScope``, ``TenantGuard``), automatic customers (``AutoCustomer``, ``TenantPlan``),
/// quotas (``QuotaRule``), the deprovisioning clock (``DeprovisioningState``) and the mapping
/// state machine (``MappingState``).
///
/// By mapping status:
/// - **Out of scope** (P1): nothing, with the reason.
/// - **Not mapped**: with automatic creation on and an active line for a mapped product, a new
///   tenant (P4); without a way to name its admin, Mapping failed with the reason.
/// - **Ready for mapping, Mapping failed** (P5, P7): a new tenant is created; an existing tenant
///   is linked when the cloud has it and it may be changed (else Mapping failed with the reason).
/// - **Mapped, Company missing, Tenant missing**: a side that is back restores Mapped, a tenant
///   that is gone shows Tenant missing; a mapped tenant that may be changed is synced.
///
/// A **new tenant** is planned as: create it, switch it to Production (Acronis creates customers
/// in Trial) unless Trial is set, 2FA if set, the quotas its contract gives (items that stay off
/// are not written), the admin user, then the activation email or the manually defined password;
/// the mapping becomes Mapped to it and its deprovisioning clock starts from nothing on the next
/// tick.
///
/// A **synced tenant** (mapped, customer or partner, not self-service, support access on) gets,
/// in this order: enable (P6, a line came back after the clock disabled it); the quota of every
/// item that differs from its plan (P2, P3), or zero quotas while the clock holds them at zero
/// (P6), with two-way sync on (B7, Autotask) first the contract services the cloud's items ask for
/// (``TwoWaySyncRule``, not while a deprovisioning clock runs), whose items keep their quota in
/// that pass; Trial → Production after a full month of trial, counted in UTC days from the tenant's
/// creation (P4); disable and delete as the clock falls due (P6). A tenant being deleted gets no
/// quota or pricing change first, and its mapping then shows Tenant missing.
///
/// Decisions where the SPEC is silent:
/// - A company out of scope is left as it is, mapping and clock included; whether a mapped one
///   counts as Company missing is the reader's call (it then reports the company as gone).
/// - Items planned are the product mappings' items and the tenant's items of a quota'd unit;
///   locked items and items of other units are never changed; an item the tenant does not have is
///   written only when it is to be on.
/// - "Quotas to zero" is a quota of 0 (overage 0) on every item that is on; items that are off
///   stay off.
/// - A tenant an operator disabled is not claimed by the clock: it is not enabled again when a
///   line comes back, and it is deleted when deletion falls due.
/// - A tenant back after the clock deleted it (restored) starts a new clock.
/// - A tenant that may not be changed (P1) gets no write and its clock does not move; a mapped
///   one stays Mapped (billing and tickets go on), with the reason as a problem.
public enum ProvisioningPlanner {
    /// The plan for one company.
    /// - Parameters:
    ///   - facts: what the handler read for the company.
    ///   - settings: the settings in force.
    ///   - now: the time of the tick; lines are checked against its UTC day.
    public static func plan(_ facts: ProvisioningFacts, settings: ProvisioningPlannerSettings, now: Date) -> ProvisioningPlan {
        var pass = Pass(facts: facts, settings: settings, now: now)
        pass.run()
        return pass.plan
    }

    /// One planning pass: the inputs and the plan being built.
    private struct Pass {
        let facts: ProvisioningFacts
        let settings: ProvisioningPlannerSettings
        let now: Date
        let today: CalendarDay
        var plan: ProvisioningPlan
        var mapping: MappingState

        init(facts: ProvisioningFacts, settings: ProvisioningPlannerSettings, now: Date) {
            self.facts = facts
            self.settings = settings
            self.now = now
            self.today = CalendarDay(containing: now)
            self.plan = ProvisioningPlan(psa: facts.psa, companyID: facts.company.id)
            self.mapping = MappingState(companyID: facts.company.id, companyName: facts.company.name, status: facts.mapping)
        }

        mutating func run() {
            if case .outOfScope(let reason) = settings.scope.evaluate(facts.company) {
                plan.outOfScope = reason
                // An operator's request for such a company fails with the reason instead of
                // waiting as Ready for mapping for ever (P5).
                if case .readyForMapping = facts.mapping {
                    fail(.outOfScope(reason), events: [])
                    finishMapping()
                }
                return
            }
            switch facts.mapping {
            case .notMapped:
                let hasLine = AutoCustomer.hasActiveMappedLine(lines: facts.lines, mappings: settings.mappings, today: today)
                switch AutoCustomer.decide(
                    company: facts.company, status: facts.mapping, hasActiveMappedLine: hasLine,
                    primaryContact: facts.primaryContact, policy: settings.provisioning)
                {
                case .nothing:
                    break
                case .fail(let error):
                    fail(.tenantPlan(error), events: [.mapToNewTenant])
                case .create(let tenantPlan):
                    create(tenantPlan, reason: .automaticCustomer)
                }
            case .readyForMapping(.newTenant), .mappingFailed(_, .newTenant):
                do {
                    let tenantPlan = try TenantPlan.make(
                        company: facts.company, primaryContact: facts.primaryContact, policy: settings.provisioning)
                    create(tenantPlan, reason: .mappingRequest)
                } catch {
                    fail(.tenantPlan(error), events: [])
                }
            case .readyForMapping(.existingTenant(let tenantID)), .mappingFailed(_, .existingTenant(let tenantID)):
                linkExisting(tenantID)
            case .mapped(let tenantID), .companyMissing(let tenantID), .tenantMissing(let tenantID):
                followLinked(tenantID)
            }
            finishMapping()
        }

        // MARK: Mapping

        /// Applies `events` to the mapping; an event the status does not take leaves it as it is.
        mutating func apply(_ events: [MappingEvent]) {
            for event in events {
                if let next = try? mapping.applying(event).mapping { mapping = next }
            }
        }

        /// Records `problem` and, for a mapping being made, Mapping failed with its reason.
        mutating func fail(_ problem: ProvisioningProblem, events: [MappingEvent]) {
            addProblem(problem)
            apply(events + [.provisioningFailed(reason: problem.description)])
        }

        mutating func finishMapping() {
            guard plan.mapping != .mappedToNewTenant else { return }
            plan.mapping = mapping.status == facts.mapping ? .unchanged : .set(mapping.status)
        }

        mutating func addProblem(_ problem: ProvisioningProblem) {
            if !plan.problems.contains(problem) { plan.problems.append(problem) }
        }

        mutating func add(_ action: ProvisioningChange.Action) {
            plan.changes.append(ProvisioningChange(psa: facts.psa, companyID: facts.company.id, action: action))
        }

        // MARK: New tenant (P4, P5)

        mutating func create(_ tenantPlan: TenantPlan, reason: TenantCreationReason) {
            let tenant = TenantReference.new(customerID: tenantPlan.customerID)
            add(.createTenant(tenantPlan, reason: reason))
            if tenantPlan.pricingMode == .production {
                add(.setPricingMode(tenant: tenant, from: .trial, to: .production, reason: .productionSetting))
            }
            if tenantPlan.twoFactorAuthentication { add(.enableTwoFactor(tenant: tenant)) }
            contractQuotas(tenant: tenant, current: nil)
            add(.createAdminUser(tenant: tenant, user: tenantPlan.admin))
            if tenantPlan.sendActivationEmail {
                add(.sendActivationEmail(tenant: tenant, user: tenantPlan.admin))
            } else {
                add(.setAdminPassword(tenant: tenant, user: tenantPlan.admin))
            }
            plan.mapping = .mappedToNewTenant
            if facts.deprovisioning != .notStarted { plan.deprovisioning = .notStarted }
        }

        // MARK: Existing tenant (P1, P5)

        mutating func linkExisting(_ tenantID: String) {
            guard let tenant = facts.tenant else {
                // Re-queued first, so a failed attempt shows this reason rather than its old one.
                apply([.mapToExistingTenant(tenantID: tenantID), .tenantDisappeared])
                return
            }
            guard tenant.id == tenantID else {
                addProblem(.tenantMismatch(expected: tenantID, found: tenant.id))
                return
            }
            if case .neverChanged(let protection) = TenantGuard.evaluate(tenant) {
                fail(.tenantProtected(tenantID: tenantID, protection), events: [])
                return
            }
            apply([.provisioningSucceeded(tenantID: tenantID, tenantName: tenant.name)])
            sync(tenant, clock: .notStarted)
        }

        mutating func followLinked(_ tenantID: String) {
            var events: [MappingEvent] = []
            if case .companyMissing = facts.mapping { events.append(.companyReappeared) }
            guard let tenant = facts.tenant else {
                apply(events + [.tenantDisappeared])
                return
            }
            guard tenant.id == tenantID else {
                apply(events)
                addProblem(.tenantMismatch(expected: tenantID, found: tenant.id))
                return
            }
            if case .tenantMissing = facts.mapping { events.append(.tenantReappeared) }
            apply(events)
            guard case .mapped = mapping.status else { return }
            if case .neverChanged(let protection) = TenantGuard.evaluate(tenant) {
                addProblem(.tenantProtected(tenantID: tenantID, protection))
                return
            }
            sync(tenant, clock: facts.deprovisioning.deletedAt == nil ? facts.deprovisioning : .notStarted)
        }

        // MARK: Sync of a mapped tenant (P2, P3, P4, P6)

        mutating func sync(_ tenant: TenantFacts, clock: DeprovisioningState) {
            let hasLine = AutoCustomer.hasActiveMappedLine(lines: facts.lines, mappings: settings.mappings, today: today)
            var step = clock.step(hasActiveLine: hasLine, policy: settings.deprovisioning, now: now)
            let reference = TenantReference.existing(tenantID: tenant.id)
            let deleting = step.actions.contains(.deleteTenant)

            if step.actions.contains(.enableTenant), !tenant.isEnabled, let start = clock.startedAt {
                add(.enableTenant(tenantID: tenant.id, clockStartedAt: start))
            }
            if !deleting {
                if step.state.holdsQuotasAtZero, let start = step.state.startedAt {
                    zeroQuotas(tenant, clockStartedAt: start)
                } else {
                    let held = step.state.startedAt == nil ? twoWaySync(tenant).union(publicCloudStorages(tenant)) : []
                    contractQuotas(tenant: reference, current: tenant, held: held)
                }
                endTrial(tenant)
            }
            if step.actions.contains(.disableTenant), let start = step.state.startedAt {
                if tenant.isEnabled {
                    add(.disableTenant(tenantID: tenant.id, clockStartedAt: start))
                } else {
                    step.state.disabledAt = nil
                }
            }
            if deleting, let start = step.state.startedAt {
                add(.deleteTenant(tenantID: tenant.id, clockStartedAt: start))
                apply([.tenantDisappeared])
            }
            if step.state != facts.deprovisioning { plan.deprovisioning = step.state }
        }

        /// The quota changes the contract asks for (P2, P3) on `tenant`, whose items are
        /// `current` (nil: a tenant not created yet).
        /// `held`: items two-way sync is acting on, which keep their quota in this pass.
        mutating func contractQuotas(tenant: TenantReference, current: TenantFacts?, held: Set<OfferingItemKey> = []) {
            let quotas = QuotaRule.plan(
                mappings: plannedMappings(current), lines: facts.lines, psa: facts.psa, today: today)
            for problem in quotas.problems { addProblem(.contract(problem)) }
            for decision in quotas.decisions where !held.contains(decision.item) {
                guard case .set(let target, let reason) = decision.outcome else { continue }
                let item = current?[decision.item]
                if let item {
                    if item.locked || item.satisfies(target) { continue }
                } else if target == .disabled {
                    continue
                }
                add(.setQuota(tenant: tenant, item: decision.item, from: item?.quota, to: target, reason: .contract(reason)))
            }
        }

        /// Two-way sync (B7, Autotask): the contract services the cloud's items ask for; returns
        /// the items whose quota the contract must not set in this pass.
        mutating func twoWaySync(_ tenant: TenantFacts) -> Set<OfferingItemKey> {
            guard settings.twoWaySync, facts.psa == .autotask else { return [] }
            let sync = TwoWaySyncRule.plan(
                items: tenant.offeringItems, mappings: settings.mappings, lines: facts.lines, today: today)
            for problem in sync.problems { addProblem(.contract(problem)) }
            for change in sync.changes {
                switch change {
                case .add(let item, let product, let contract):
                    add(.addContractService(
                        tenantID: tenant.id, productID: product, contractID: contract, units: 0, reason: .enabledInCloud(item)))
                case .remove(let item, let line):
                    add(.removeContractService(tenantID: tenant.id, line: line, reason: .disabledInCloud(item)))
                }
            }
            return sync.held
        }

        /// Public cloud storages (B3): a vendor's product is on the contract (an active line with
        /// units) while the tenant has at least one enabled storage of the vendor, and taken off
        /// when it has none. Returns the public cloud storage items, which quotas leave alone.
        mutating func publicCloudStorages(_ tenant: TenantFacts) -> Set<OfferingItemKey> {
            let storages = settings.publicCloud
            guard !storages.products.isEmpty else { return [] }
            var items: Set<OfferingItemKey> = []
            var vendors: [PublicCloudVendor] = []
            for item in tenant.offeringItems {
                guard let infra = item.item.infraID?.lowercased(), let vendor = storages.infras[infra],
                    storages.products[vendor] != nil
                else { continue }
                items.insert(item.item)
                if item.quota != .disabled { vendors.append(vendor) }
            }
            let activeToday = facts.lines.filter { $0.isActive(on: today) }
            // On the contract: active, holding units, and not ending today (a line taken off
            // today, as a ConnectWise cancellation effective now, is off already).
            let active = activeToday.filter { $0.isActive(on: today.adding(days: 1)) && $0.quantity > 0 }
            let changes = PublicCloudStorageRule.changes(
                storagesOnTenant: vendors, vendorProducts: storages.products, productsOnContract: Set(active.map(\.productID)))
            for change in changes {
                switch change {
                case .add(let product, let vendor):
                    guard let contract = TwoWaySyncRule.contract(for: activeToday) else {
                        addProblem(.contract(.noContractForStorage(productID: product, vendor: vendor)))
                        continue
                    }
                    add(.addContractService(
                        tenantID: tenant.id, productID: product, contractID: contract, units: 1, reason: .publicCloudStorage(vendor)))
                case .remove(let product, let vendor):
                    for line in active.filter({ $0.productID == product }).sorted(by: { $0.id < $1.id }) {
                        add(.removeContractService(tenantID: tenant.id, line: line, reason: .publicCloudStorage(vendor)))
                    }
                }
            }
            return items
        }

        /// Zero quotas on every item of `tenant` that is on (P6).
        mutating func zeroQuotas(_ tenant: TenantFacts, clockStartedAt start: Date) {
            let mapped = Set(settings.mappings.map(\.item))
            for item in tenant.offeringItems where !item.locked && (item.unit != nil || mapped.contains(item.item)) {
                guard item.quota != .disabled, !item.satisfies(.limited(0)) else { continue }
                add(.setQuota(
                    tenant: .existing(tenantID: tenant.id), item: item.item, from: item.quota, to: .limited(0),
                    reason: .deprovisioning(clockStartedAt: start)))
            }
        }

        /// The mappings to plan: the settings' in their order, then the tenant's other items of a
        /// quota'd unit as unmapped items (P3).
        func plannedMappings(_ tenant: TenantFacts?) -> [OfferingItemMapping] {
            var mappings = settings.mappings
            let mapped = Set(mappings.map(\.item))
            for item in tenant?.offeringItems ?? [] where !mapped.contains(item.item) {
                guard let unit = item.unit else { continue }
                mappings.append(OfferingItemMapping(item: item.item, unit: unit, product: nil))
            }
            return mappings
        }

        /// Trial → Production once the tenant has had a full month of trial (P4).
        mutating func endTrial(_ tenant: TenantFacts) {
            guard tenant.pricingMode == .trial, let createdAt = tenant.createdAt else { return }
            let trialStart = CalendarDay(containing: createdAt)
            guard today >= trialStart.adding(months: 1) else { return }
            add(.setPricingMode(
                tenant: .existing(tenantID: tenant.id), from: .trial, to: .production,
                reason: .trialMonthOver(trialStartedOn: trialStart)))
        }
    }
}
