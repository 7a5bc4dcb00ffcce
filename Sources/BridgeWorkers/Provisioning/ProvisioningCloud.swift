import BridgeValues
import APIClients
import BridgeCore
import BridgeRules
import Foundation

/// The cloud as the provisioner sees it: the partner's customer tenants with their offering
/// items (read in bulk, 100 tenants per call), and the writes a provisioning plan makes
/// (tenant, admin user, activation email, quotas, pricing mode, 2FA, enable, disable, delete).
///
/// Writes that create something are looked up before they are tried again (``findTenant``,
/// ``findUser``): the caller's effect rows decide when.
public struct ProvisioningCloud: Sendable {
    public let client: AcronisClient

    public init(client: AcronisClient) {
        self.client = client
    }

    /// The partner tenant the API client belongs to.
    public func partnerID() async throws -> String {
        try await client.ownTenantID()
    }

    /// The partner's offering items: the catalog product mappings are resolved against.
    public func catalog(partnerID: String) async throws -> (items: [AcronisOfferingItem], applications: [AcronisApplication]) {
        (try await client.offeringItems(tenantID: partnerID), try await client.applications())
    }

    /// The tenants of `ids` that exist and are not deleted, with their offering items, by id
    /// (lower-cased): a page of 100 ids per call. Item keys are shared through `keys`, as in
    /// ``tenants(partnerID:)``.
    public func tenants(ids: [String], keys: inout Set<OfferingItemKey>) async throws -> [String: TenantFacts] {
        var result: [String: TenantFacts] = [:]
        for record in try await client.tenants(ids: ids, withOfferingItems: true) {
            if let facts = Self.keptFacts(record, keys: &keys) { result[facts.id] = facts }
        }
        return result
    }

    /// The rules' view of a tenant that is neither deleted nor a folder, its item keys shared
    /// through `keys` (at 10,000 tenants each key would otherwise be repeated per tenant).
    static func keptFacts(_ record: AcronisTenant, keys: inout Set<OfferingItemKey>) -> TenantFacts? {
        guard record.deletedAt == nil, record.kind?.rawValue != "folder" else { return nil }
        var facts = Self.facts(record, items: record.offeringItems ?? [])
        for index in facts.offeringItems.indices {
            facts.offeringItems[index].item = keys.insert(facts.offeringItems[index].item).memberAfterInsert
        }
        return facts
    }

    /// One tenant with its offering items, or nil when the cloud no longer has it.
    public func tenant(id: String) async throws -> TenantFacts? {
        let record: AcronisTenant
        do {
            record = try await client.tenant(id: id)
        } catch let error as APIError where error.isNotFound {
            return nil
        }
        guard record.deletedAt == nil else { return nil }
        return Self.facts(record, items: try await client.offeringItems(tenantID: record.id))
    }

    /// The rules' view of a tenant record and its offering items.
    static func facts(_ record: AcronisTenant, items: [AcronisOfferingItem]) -> TenantFacts {
        TenantFacts(
            id: record.id.lowercased(), name: record.name ?? "", kind: record.kind?.rawValue ?? "customer",
            selfServiceMode: record.ancestralAccess == false, supportAccessDisabled: false, isEnabled: record.enabled ?? true,
            pricingMode: record.pricingMode.flatMap { TenantPricingMode(rawValue: $0.lowercased()) },
            createdAt: record.createdAt, offeringItems: items.map(Self.item))
    }

    static func item(_ item: AcronisOfferingItem) -> TenantOfferingItem {
        let quota: QuotaTarget
        if item.status != 1 {
            quota = .disabled
        } else if let value = item.quota?.value {
            quota = .limited(Int(value.rounded(.down)))
        } else {
            quota = .unlimited
        }
        return TenantOfferingItem(
            item: OfferingItemKey(name: item.name, infraID: item.infraID), unit: unit(item),
            quota: quota, overage: item.quota?.overage.map { Int($0) } ?? (item.quota?.value == nil ? nil : 0),
            locked: item.locked ?? false)
    }

    static func unit(_ item: AcronisOfferingItem) -> OfferingItemUnit? {
        switch item.measurementUnit {
        case "bytes": .bytes
        case "quantity", nil: .count
        default: nil
        }
    }

    // MARK: Lookups for creates

    /// The partner's live customer tenant whose `customer_id` is `customerID`.
    public func findTenant(customerID: String, partnerID: String) async throws -> AcronisTenant? {
        try await client.childTenants(of: partnerID).first { $0.customerID == customerID && $0.deletedAt == nil }
    }

    /// The tenant's user with `login` (case-insensitive).
    public func findUser(login: String, tenantID: String) async throws -> AcronisUser? {
        try await client.users(tenantID: tenantID).first { $0.login?.lowercased() == login.lowercased() }
    }

    // MARK: Writes

    /// Creates the customer tenant of `plan` under the partner.
    /// - Throws: ``TenantNameTaken`` when the partner already has a tenant of that name (409).
    public func createTenant(_ plan: TenantPlan, partnerID: String) async throws -> AcronisTenant {
        do {
            return try await client.createTenant(
                AcronisTenantCreate(
                    name: plan.name, parentID: partnerID, kind: .customer, enabled: true, customerID: plan.customerID,
                    internalTag: "psa-bridge"))
        } catch let error as APIError where error.status == 409 {
            let existing = try? await client.childTenants(of: partnerID).first {
                $0.deletedAt == nil && $0.name?.lowercased() == plan.name.lowercased()
            }
            throw TenantNameTaken(name: plan.name, existingTenantID: existing?.id.lowercased(), companyID: plan.customerID)
        }
    }

    /// Creates the admin user and makes it the company administrator.
    public func createAdmin(_ user: AdminUserPlan, tenantID: String) async throws -> AcronisUser {
        let created = try await client.createUser(
            AcronisUserCreate(
                tenantID: tenantID, login: user.login,
                contact: AcronisContact(email: user.email, firstName: user.firstName, lastName: user.lastName)))
        try await grantAdmin(userID: created.id, tenantID: tenantID)
        return created
    }

    /// Gives a user the company administrator role (idempotent).
    public func grantAdmin(userID: String, tenantID: String) async throws {
        try await client.setAccessPolicies(
            userID: userID, [AcronisAccessPolicy(roleID: "company_admin", tenantID: tenantID, userID: userID)])
    }

    public func sendActivationEmail(userID: String) async throws {
        try await client.sendActivationEmail(userID: userID)
    }

    /// Sets the manually defined password on a user (P4), which activates it.
    public func setPassword(userID: String, to password: Secret) async throws {
        try await client.setPassword(userID: userID, password: password.reveal())
    }

    /// Sets one offering item's quota: enabled with a hard limit or unlimited, or disabled.
    /// The item's application and quota version come from the tenant as it is now, else from
    /// the partner's catalog (version 0).
    public func setQuota(
        tenantID: String, item key: OfferingItemKey, to target: QuotaTarget, catalog: [OfferingItemKey: AcronisOfferingItem]
    ) async throws {
        let current = try await client.offeringItems(tenantID: tenantID).first {
            $0.name == key.name && $0.infraID == key.infraID
        }
        guard let item = current ?? catalog[key] else {
            throw HandlerFailure.permanent("offering item \(key) is neither on tenant \(tenantID) nor in the partner's catalog")
        }
        let version = current?.quota?.version ?? 0
        let update: AcronisOfferingItemUpdate
        switch target {
        case .disabled:
            update = .disable(item)
        case .unlimited:
            update = .enable(item, quota: .unlimited(version: version))
        case .limited(let value):
            update = .enable(item, quota: .hardLimit(Double(value), version: version))
        }
        try await client.updateOfferingItems(tenantID: tenantID, [update])
    }

    public func setPricingMode(tenantID: String, to mode: TenantPricingMode) async throws {
        _ = try await client.setPricingMode(tenantID: tenantID, to: mode == .trial ? .trial : .production)
    }

    public func enableTwoFactor(tenantID: String) async throws {
        try await client.setMFA(tenantID: tenantID, enabled: true)
    }

    /// Enables or disables the tenant (reading its version first).
    public func setEnabled(tenantID: String, _ enabled: Bool) async throws {
        let tenant = try await client.tenant(id: tenantID)
        guard tenant.enabled != enabled else { return }
        _ = try await client.setTenantEnabled(id: tenantID, enabled: enabled, version: tenant.version)
    }

    /// Deletes the tenant (disabled first, as the cloud requires); nothing when it is gone.
    public func delete(tenantID: String) async throws {
        do {
            try await client.disableAndDeleteTenant(id: tenantID)
        } catch let error as APIError where error.isNotFound {
            return
        }
    }
}
