import BridgeRules
import BridgeValues
import Foundation

/// Companies, tenants, mappings and a tick time shared by the provisioning planner suites.
///
/// The contract ``contract`` (10 prepaid workstations) and the tenant ``inStepItems`` agree: with
/// them a mapped tenant has nothing to change.
enum PlannerFixture {
    static let tenantID = "7c9e6679-7425-40de-944b-e07fc1f90ae7"
    static let newTenantID = "0b5d4a1e-0000-4000-8000-000000000250"
    static let company = CompanyFacts(id: "250", name: "Green Inc.", typeNames: ["Customer"], isActive: true)
    static let contact = ContactFacts(firstName: "Jane", lastName: "Doe", email: "Jane.Doe@green.example")
    static let admin = AdminUserPlan(
        login: "jane.doe@green.example", email: "Jane.Doe@green.example", firstName: "Jane", lastName: "Doe")
    static let newTenant = TenantReference.new(customerID: "250")
    static let linked = TenantReference.existing(tenantID: tenantID)

    static let workstations = OfferingItemKey(name: "pw_base_workstations")
    static let servers = OfferingItemKey(name: "pw_base_servers")
    static let vms = OfferingItemKey(name: "pw_base_vms")
    static let storageA = OfferingItemKey(name: "pw_base_storage", infraID: "infra-a")
    static let storageB = OfferingItemKey(name: "pw_base_storage", infraID: "infra-b")

    /// Workstations 101, servers 102, VMs 103 with Free provisioning, the default storage A 201,
    /// storage B 301.
    static let mappings: [OfferingItemMapping] = [
        OfferingItemMapping(item: workstations, unit: .count, product: 101),
        OfferingItemMapping(item: servers, unit: .count, product: 102),
        OfferingItemMapping(item: vms, unit: .count, product: 103, freeProvisioning: true),
        OfferingItemMapping(item: storageA, unit: .bytes, product: 201, storage: StorageProducts(isDefault: true)),
        OfferingItemMapping(item: storageB, unit: .bytes, product: 301, storage: StorageProducts()),
    ]

    /// 10 prepaid workstations.
    static let contract = [line(1, product: 101, quantity: "10")]

    /// 2024-05-15T10:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_715_767_200)

    /// The tenant's items as ``contract`` makes them.
    static let inStepItems = [
        item(workstations, .limited(10)), item(servers, .disabled), item(vms, .unlimited),
        item(storageA, .unlimited), item(storageB, .disabled),
    ]

    /// `now` plus `days` days and `seconds` seconds.
    static func at(days: Double, seconds: TimeInterval = 0, from start: Date = now) -> Date {
        start.addingTimeInterval(days * secondsPerDay + seconds)
    }

    /// An offering item of the tenant; storage items count bytes, others items.
    static func item(
        _ key: OfferingItemKey, _ quota: QuotaTarget, overage: Int? = 0, locked: Bool = false
    ) -> TenantOfferingItem {
        TenantOfferingItem(item: key, unit: unit(of: key), quota: quota, overage: overage, locked: locked)
    }

    static func unit(of key: OfferingItemKey) -> OfferingItemUnit {
        key.infraID == nil ? .count : .bytes
    }

    /// The linked tenant.
    static func tenant(
        _ items: [TenantOfferingItem] = inStepItems, id: String = tenantID, kind: String = "customer",
        enabled: Bool = true, selfService: Bool = false, supportAccessDisabled: Bool = false,
        pricingMode: TenantPricingMode? = .production, createdAt: Date? = nil
    ) -> TenantFacts {
        TenantFacts(
            id: id, name: "Green Inc.", kind: kind, selfServiceMode: selfService,
            supportAccessDisabled: supportAccessDisabled, isEnabled: enabled, pricingMode: pricingMode,
            createdAt: createdAt, offeringItems: items)
    }

    static func facts(
        _ mapping: MappingStatus = .mapped(tenantID: tenantID), lines: [ContractLine] = contract,
        tenant: TenantFacts? = tenant(), clock: DeprovisioningState = .notStarted, psa: PSAKind = .connectWise,
        company: CompanyFacts = company, contact: ContactFacts? = contact
    ) -> ProvisioningFacts {
        ProvisioningFacts(
            psa: psa, company: company, lines: lines, primaryContact: contact, mapping: mapping, tenant: tenant,
            deprovisioning: clock)
    }

    static func settings(
        automaticCreation: Bool = false, provisioning: ProvisioningPolicy? = nil,
        deprovisioning: DeprovisioningPolicy = DeprovisioningPolicy(), mappings: [OfferingItemMapping] = mappings,
        twoWaySync: Bool = false
    ) -> ProvisioningPlannerSettings {
        ProvisioningPlannerSettings(
            mappings: mappings, provisioning: provisioning ?? ProvisioningPolicy(automaticallyCreateCustomers: automaticCreation),
            deprovisioning: deprovisioning, twoWaySync: twoWaySync)
    }

    static func deprovisioning(zero: Bool = false, disable: Int? = nil, delete: Int? = nil) throws -> DeprovisioningPolicy {
        DeprovisioningPolicy(
            quotasToZero: zero, disableAfter: try disable.map(after) ?? .off, deleteAfter: try delete.map(after) ?? .off)
    }

    static func plan(
        _ facts: ProvisioningFacts = facts(), settings: ProvisioningPlannerSettings = settings(), now: Date = now
    ) -> ProvisioningPlan {
        ProvisioningPlanner.plan(facts, settings: settings, now: now)
    }

    /// A quota change from the contract.
    static func contractQuota(
        _ item: OfferingItemKey, _ from: QuotaTarget?, _ to: QuotaTarget, _ reason: QuotaReason, on tenant: TenantReference = linked
    ) -> ProvisioningChange.Action {
        .setQuota(tenant: tenant, item: item, from: from, to: to, reason: .contract(reason))
    }

    /// A quota zeroed by the deprovisioning clock that started at `start`.
    static func zeroQuota(_ item: OfferingItemKey, _ from: QuotaTarget, clock start: Date) -> ProvisioningChange.Action {
        .setQuota(tenant: linked, item: item, from: from, to: .limited(0), reason: .deprovisioning(clockStartedAt: start))
    }

    /// What the cloud looks like once `plan`'s changes are made on `tenant` (nil: none yet).
    static func carryOut(_ plan: ProvisioningPlan, on tenant: TenantFacts?, at time: Date = now) -> TenantFacts? {
        var tenant = tenant
        for change in plan.changes {
            switch change.action {
            case .createTenant(let tenantPlan, _):
                tenant = TenantFacts(id: newTenantID, name: tenantPlan.name, pricingMode: .trial, createdAt: time)
            case .setPricingMode(_, _, let mode, _):
                tenant?.pricingMode = mode
            case .setQuota(_, let key, _, let target, _):
                if let index = tenant?.offeringItems.firstIndex(where: { $0.item == key }) {
                    tenant?.offeringItems[index].quota = target
                    tenant?.offeringItems[index].overage = 0
                } else {
                    tenant?.offeringItems.append(item(key, target))
                }
            case .enableTenant:
                tenant?.isEnabled = true
            case .disableTenant:
                tenant?.isEnabled = false
            case .deleteTenant:
                tenant = nil
            case .enableTwoFactor, .createAdminUser, .sendActivationEmail, .setAdminPassword, .addContractService,
                .removeContractService:
                break
            }
        }
        return tenant
    }
}
