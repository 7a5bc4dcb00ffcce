import BridgeCore
import BridgeRules
import BridgeState
import BridgeValues
import Foundation
import Logging

/// Carries out a provisioning plan (SPEC P2-P6): each external write through an effect row
/// (``EffectRunner``) with its audit entry, then the company's mapping, sync error and
/// deprovisioning clock in the state database.
///
/// Effect keys (the plan's change keys, see ``ProvisioningChange/key``):
/// - creating a tenant for an automatic customer, its admin user and activation email, enabling,
///   disabling and deleting are keyed by the change alone: once per company, tenant and
///   deprovisioning clock, whatever the retries, redeliveries, replays or crashes. A create whose
///   claim already existed (a crash between the call and its record) is looked up first, the
///   tenant by its `customer_id` (the PSA company id), the user by its login, so a lost response
///   never makes a second tenant or user;
/// - a tenant for an operator's mapping request is keyed by the request message, and looked up
///   before every create;
/// - quota, pricing-mode and 2FA writes set a value and are keyed by the change and the message,
///   so the same value may be written again by a later message (10 → 15 → 10).
///
/// Contract writes (two-way sync B7, public cloud storage B3) are keyed by the change and the
/// message too; each re-reads before writing (an add finds the line already there, a removal
/// finds it already off), so a retry after a lost outcome writes nothing twice.
struct ProvisioningApplier: Sendable {
    let cloud: ProvisioningCloud
    /// The manually defined admin password (P4); nil when passwords go through activation emails.
    var adminPassword: (@Sendable () throws -> Secret)?
    /// The PSA's contract writes (two-way sync, public cloud storage); nil where the PSA has none.
    var contracts: (any ContractServiceSync)?
    let setup: ProvisioningSetup
    let store: StateStore
    let runner: EffectRunner
    let worker: String
    let messageKey: String
    let messageID: String?
    let logger: Logger

    /// What applying did.
    struct Report: Sendable, Equatable {
        var performed = 0
        var found = 0
        var skipped = 0
        var createdTenantID: String?
    }

    func apply(_ plan: ProvisioningPlan, entry: ProvisioningReader.Entry) async throws -> Report {
        var report = Report()
        var createdTenant: String?
        for change in plan.changes {
            let outcome = try await perform(change, createdTenant: createdTenant)
            switch outcome {
            case .performed: report.performed += 1
            case .found: report.found += 1
            case .completedBefore: report.skipped += 1
            }
            if case .createTenant = change.action { createdTenant = outcome.reference }
        }
        report.createdTenantID = createdTenant
        try await record(plan, entry: entry, createdTenant: createdTenant)
        return report
    }

    // MARK: Writes

    private func tenantID(_ reference: TenantReference, createdTenant: String?) throws -> String {
        switch reference {
        case .existing(let id): return id
        case .new:
            guard let createdTenant else {
                throw HandlerFailure.transient("the plan writes to a new tenant that was not created in this pass")
            }
            return createdTenant
        }
    }

    private func perform(_ change: ProvisioningChange, createdTenant: String?) async throws -> EffectRunner.Outcome {
        let scoped = change.key + ":msg:" + messageKey
        func audit(
            _ action: String, target: String, system: String = "acronis", before: JSONValue? = nil, after: JSONValue
        ) -> (String, Bool) -> AuditEntry? {
            { reference, found in
                var details = after
                if case .object(var object) = details {
                    object["foundAfterLostOutcome"] = .bool(found)
                    details = .object(object)
                }
                return AuditEntry(
                    worker: worker, action: action, targetSystem: system, targetId: target == "-" ? reference : target,
                    before: before?.serialized(), after: details.serialized(),
                    reason: change.description, messageId: messageID)
            }
        }
        switch change.action {
        case .createTenant(let plan, let reason):
            let key = reason == .mappingRequest ? scoped : change.key
            let lookup = { try await cloud.findTenant(customerID: plan.customerID, partnerID: setup.partnerID)?.id.lowercased() }
            if reason == .mappingRequest, let existing = try await lookup() {
                // A tenant made for an earlier request of this company (its response lost).
                return try await runner.perform(
                    key: key, kind: "tenant.create", target: plan.customerID, lookup: { existing },
                    call: { existing },
                    audit: audit("tenant.create", target: "-", after: ["name": .string(plan.name), "customerId": .string(plan.customerID), "found": true]))
            }
            return try await runner.perform(
                key: key, kind: "tenant.create", target: plan.customerID, lookup: lookup,
                call: { try await cloud.createTenant(plan, partnerID: setup.partnerID).id.lowercased() },
                audit: audit(
                    "tenant.create", target: "-",
                    after: ["name": .string(plan.name), "customerId": .string(plan.customerID), "parent": .string(setup.partnerID)]))
        case .createAdminUser(let reference, let user):
            let tenant = try tenantID(reference, createdTenant: createdTenant)
            return try await runner.perform(
                key: change.key(tenant: tenant), kind: "user.create", target: tenant,
                lookup: {
                    guard let found = try await cloud.findUser(login: user.login, tenantID: tenant) else { return nil }
                    try await cloud.grantAdmin(userID: found.id, tenantID: tenant)
                    return found.id
                },
                call: { try await cloud.createAdmin(user, tenantID: tenant).id },
                audit: audit(
                    "user.create", target: tenant,
                    after: ["login": .string(user.login), "email": .string(user.email), "role": "company_admin"]))
        case .sendActivationEmail(let reference, let user):
            let tenant = try tenantID(reference, createdTenant: createdTenant)
            return try await runner.perform(
                key: change.key(tenant: tenant), kind: "user.activation-email", target: tenant, lookup: { nil },
                call: {
                    guard let found = try await cloud.findUser(login: user.login, tenantID: tenant) else {
                        throw HandlerFailure.transient("user \(user.login) of tenant \(tenant) is not there yet")
                    }
                    try await cloud.sendActivationEmail(userID: found.id)
                    return found.id
                },
                audit: audit("user.activation-email", target: tenant, after: ["login": .string(user.login), "to": .string(user.email)]))
        case .setAdminPassword(let reference, let user):
            let tenant = try tenantID(reference, createdTenant: createdTenant)
            guard let adminPassword else {
                throw HandlerFailure.configuration(
                    "provisioning.accountPassword is defined-manually but no provisioning.adminPassword is set")
            }
            let password: Secret
            do {
                password = try adminPassword()
            } catch {
                throw HandlerFailure.configuration("\(error)")
            }
            return try await runner.perform(
                key: change.key(tenant: tenant), kind: "user.password", target: tenant, lookup: { nil },
                call: {
                    guard let found = try await cloud.findUser(login: user.login, tenantID: tenant) else {
                        throw HandlerFailure.transient("user \(user.login) of tenant \(tenant) is not there yet")
                    }
                    try await cloud.setPassword(userID: found.id, to: password)
                    return found.id
                },
                audit: audit("user.password", target: tenant, before: ["password": "none"], after: ["login": .string(user.login), "password": "set (defined manually)"]))
        case .setQuota(let reference, let item, let from, let to, _):
            let tenant = try tenantID(reference, createdTenant: createdTenant)
            return try await runner.perform(
                key: scoped, kind: "offering-item.quota", target: tenant, lookup: { nil },
                call: {
                    try await cloud.setQuota(tenantID: tenant, item: item, to: to, catalog: setup.catalog)
                    return tenant
                },
                audit: audit(
                    "offering-item.quota", target: tenant, before: ["item": .string(item.description), "quota": .string(from.map(\.description) ?? "absent")],
                    after: ["item": .string(item.description), "quota": .string(to.description)]))
        case .setPricingMode(let reference, let from, let to, _):
            let tenant = try tenantID(reference, createdTenant: createdTenant)
            return try await runner.perform(
                key: scoped, kind: "tenant.pricing-mode", target: tenant, lookup: { nil },
                call: {
                    try await cloud.setPricingMode(tenantID: tenant, to: to)
                    return tenant
                },
                audit: audit("tenant.pricing-mode", target: tenant, before: ["mode": .string(from.rawValue)], after: ["mode": .string(to.rawValue)]))
        case .enableTwoFactor(let reference):
            let tenant = try tenantID(reference, createdTenant: createdTenant)
            return try await runner.perform(
                key: scoped, kind: "tenant.two-factor", target: tenant, lookup: { nil },
                call: {
                    try await cloud.enableTwoFactor(tenantID: tenant)
                    return tenant
                },
                audit: audit("tenant.two-factor", target: tenant, before: ["twoFactor": false], after: ["twoFactor": true]))
        case .enableTenant(let tenant, _), .disableTenant(let tenant, _):
            let enable: Bool
            if case .enableTenant = change.action { enable = true } else { enable = false }
            return try await runner.perform(
                key: change.key, kind: enable ? "tenant.enable" : "tenant.disable", target: tenant, lookup: { nil },
                call: {
                    try await cloud.setEnabled(tenantID: tenant, enable)
                    return tenant
                },
                audit: audit(
                    enable ? "tenant.enable" : "tenant.disable", target: tenant, before: ["enabled": .bool(!enable)],
                    after: ["enabled": .bool(enable)]))
        case .deleteTenant(let tenant, _):
            return try await runner.perform(
                key: change.key, kind: "tenant.delete", target: tenant, lookup: { nil },
                call: {
                    try await cloud.delete(tenantID: tenant)
                    return tenant
                },
                audit: audit("tenant.delete", target: tenant, before: ["deleted": false], after: ["deleted": true]))
        case .addContractService(_, let product, let contract, let units, let reason):
            let contracts = try contractWrites()
            let now = runner.clock()
            return try await runner.perform(
                key: scoped, kind: "contract-service.add", target: "contract-\(contract)", lookup: { nil },
                call: { String(try await contracts.addContractService(productID: product, contractID: contract, units: units, now: now)) },
                audit: audit(
                    "contract-service.add", target: "contract-\(contract)", system: setup.psa.rawValue,
                    before: ["product": .number(Double(product)), "onContract": false],
                    after: ["product": .number(Double(product)), "onContract": true, "units": .number(Double(units)), "reason": .string(reason.description)]))
        case .removeContractService(_, let line, let reason):
            let contracts = try contractWrites()
            let now = runner.clock()
            return try await runner.perform(
                key: scoped, kind: "contract-service.remove", target: "line-\(line.id)", lookup: { nil },
                call: { try await contracts.removeContractService(line, now: now) ?? "already-off" },
                audit: audit(
                    "contract-service.remove", target: "line-\(line.id)", system: setup.psa.rawValue,
                    before: ["product": .number(Double(line.productID)), "quantity": .number(NSDecimalNumber(decimal: line.quantity).doubleValue)],
                    after: ["product": .number(Double(line.productID)), "quantity": 0, "reason": .string(reason.description)]))
        }
    }

    private func contractWrites() throws -> any ContractServiceSync {
        guard let contracts else {
            throw HandlerFailure.configuration("the plan puts products on contracts, which this \(setup.psa.displayName) connection cannot write")
        }
        return contracts
    }

    // MARK: State

    /// Stores the mapping the plan leads to, the company's problems (or none) and the clock.
    private func record(_ plan: ProvisioningPlan, entry: ProvisioningReader.Entry, createdTenant: String?) async throws {
        let psa = setup.psa
        let company = entry.facts.company
        _ = try await store.recordCompany(psa: psa, companyId: company.id, name: company.name)
        if let tenant = entry.facts.tenant, tenant.name != (entry.mapping?.tenantName ?? "") {
            _ = try await store.recordTenantName(tenantId: tenant.id, name: tenant.name)
        }
        if let status = plan.mapping.status(createdTenantID: createdTenant) {
            switch status {
            case .mapped(let tenant):
                let name = entry.facts.tenant?.name ?? (plan.changes.first { $0.isTenantCreation }?.tenantName)
                _ = try await store.markMapped(psa: psa, companyId: company.id, tenantId: tenant, tenantName: name)
            case .mappingFailed(let reason, _):
                _ = try await store.markMappingFailed(psa: psa, companyId: company.id, error: reason)
            case .tenantMissing(let tenant):
                _ = try await store.markTenantMissing(tenantId: tenant, reason: "the tenant no longer exists in the cloud")
            case .companyMissing:
                _ = try await store.markCompanyMissing(psa: psa, companyId: company.id, reason: "the company is out of scope")
            case .notMapped:
                if entry.mapping.map({ $0.status != .notMapped }) == true {
                    _ = try await store.unmap(psa: psa, companyId: company.id)
                }
            case .readyForMapping(let target):
                if case .existingTenant(let tenant) = target {
                    _ = try await store.requestMapping(psa: psa, companyId: company.id, tenantId: tenant)
                } else {
                    _ = try await store.requestMapping(psa: psa, companyId: company.id, tenantId: nil)
                }
            }
        }
        let problems = plan.problems.map(\.description)
        let error = problems.isEmpty ? nil : problems.joined(separator: "; ")
        if entry.mapping?.syncError != error {
            _ = try await store.recordCompanySyncError(psa: psa, companyId: company.id, error: error)
        }
        if let clock = plan.deprovisioning, let tenant = entry.facts.tenant?.id ?? createdTenant {
            if let started = clock.startedAt {
                _ = try await store.saveDeprovisioningClock(
                    tenantId: tenant, psa: psa, companyId: company.id, startedAt: started, quotasZeroedAt: clock.quotasZeroedAt,
                    disabledAt: clock.disabledAt, deletedAt: clock.deletedAt)
            } else {
                _ = try await store.stopDeprovisioningClock(tenantId: tenant)
            }
        }
    }
}

extension ProvisioningChange {
    /// The change's key with a new tenant named by its id (writes to a tenant this pass created).
    func key(tenant: String) -> String {
        key.replacingOccurrences(of: ":new-tenant:", with: ":tenant:\(tenant):")
    }

    var isTenantCreation: Bool {
        if case .createTenant = action { return true }
        return false
    }

    var tenantName: String? {
        if case .createTenant(let plan, _) = action { return plan.name }
        return nil
    }
}
