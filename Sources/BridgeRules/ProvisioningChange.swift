import BridgeValues
import Foundation

/// One external write a provisioning plan asks for (P2-P6): what changes, from what to what, and
/// why, with a ``key`` the caller uses as the write's idempotency key.
///
/// **Keys** are `provision:<psa>:<company id>:<subject>:<write>`, the subject being
/// `tenant:<tenant id>` or `new-tenant` (the tenant the plan creates for the company, whose
/// `customer_id` is the company id):
///
/// | action | write |
/// |---|---|
/// | ``Action/createTenant(_:reason:)`` | `create` |
/// | ``Action/setPricingMode(tenant:from:to:reason:)`` | `pricing:<mode>` |
/// | ``Action/enableTwoFactor(tenant:)`` | `two-factor:on` |
/// | ``Action/setQuota(tenant:item:from:to:reason:)`` | `quota:<item>:<target>`, plus `:clock-<start>` when the deprovisioning clock zeroes it |
/// | ``Action/createAdminUser(tenant:user:)`` | `admin-user:<login>` |
/// | ``Action/sendActivationEmail(tenant:user:)`` | `activation-email:<login>` |
/// | ``Action/setAdminPassword(tenant:user:)`` | `admin-password:<login>` |
/// | ``Action/enableTenant(tenantID:clockStartedAt:)`` | `enable:clock-<start>` |
/// | ``Action/disableTenant(tenantID:clockStartedAt:)`` | `disable:clock-<start>` |
/// | ``Action/deleteTenant(tenantID:clockStartedAt:)`` | `delete` |
/// | ``Action/addContractService(tenantID:productID:contractID:units:reason:)`` | `contract-service:add:<product>:contract-<contract>` |
/// | ``Action/removeContractService(tenantID:line:reason:)`` | `contract-service:remove:<line>:units-<units>` |
///
/// `<item>` is the offering item as `name` or `name@infra_id`; `<target>` is `unlimited`,
/// `disabled` or `limited-<n>`; `<start>` is the clock's start in whole seconds since 1970.
/// Keys are unique within a plan and the same whenever the facts call for the same write again
/// (a retried or redelivered message re-plans the same keys). A key names the value written,
/// not the value it replaces, so the same quota key can legitimately come back after the value
/// went elsewhere and back (10 → 15 → 10): effect rows for quota keys belong to one piece of
/// work (the `provision.company` message), while tenant creation, deletion and each clock's
/// enable and disable are once per company, tenant or clock.
public struct ProvisioningChange: Sendable, Hashable, CustomStringConvertible {
    /// The PSA of the company.
    public var psa: PSAKind
    /// The PSA company the change is planned for.
    public var companyID: String
    /// What to write.
    public var action: Action

    /// A `ProvisioningChange` from its parts.
    public init(psa: PSAKind, companyID: String, action: Action) {
        self.psa = psa
        self.companyID = companyID
        self.action = action
    }

    /// What a change writes, old → new, and why.
    public enum Action: Sendable, Hashable {
        /// Create the customer tenant (absent → created), named after the company, with its
        /// `customer_id` set to the company id (P4, P5).
        case createTenant(TenantPlan, reason: TenantCreationReason)
        /// Switch the tenant's pricing mode (Trial → Production) (P4).
        case setPricingMode(tenant: TenantReference, from: TenantPricingMode, to: TenantPricingMode, reason: PricingSwitchReason)
        /// Turn on two-factor authentication for the new tenant (off → on) (P4).
        case enableTwoFactor(tenant: TenantReference)
        /// Set an offering item's status and quota; `from` nil: the tenant does not have the item
        /// yet (a new tenant, or an item not enabled on it) (P2, P3, P6).
        case setQuota(tenant: TenantReference, item: OfferingItemKey, from: QuotaTarget?, to: QuotaTarget, reason: QuotaChangeReason)
        /// Create the admin user of the new tenant (P4). A taken login is retried with
        /// ``AdminUserPlan/loginCandidate(attempt:)``.
        case createAdminUser(tenant: TenantReference, user: AdminUserPlan)
        /// Send the activation email to the new admin user (P4).
        case sendActivationEmail(tenant: TenantReference, user: AdminUserPlan)
        /// Set the manually defined password (from its secret) on the new admin user; no
        /// activation email is sent (P4).
        case setAdminPassword(tenant: TenantReference, user: AdminUserPlan)
        /// Enable the tenant (disabled → enabled): a line came back after the deprovisioning clock
        /// that started at `clockStartedAt` disabled it (P6).
        case enableTenant(tenantID: String, clockStartedAt: Date)
        /// Disable the tenant (enabled → disabled): no active line for a mapped product for the
        /// configured days since `clockStartedAt` (P6).
        case disableTenant(tenantID: String, clockStartedAt: Date)
        /// Delete the disabled tenant (disabled → deleted): no active line for a mapped product
        /// for the configured days since `clockStartedAt` (P6).
        case deleteTenant(tenantID: String, clockStartedAt: Date)
        /// Add a product to the contract with `units` (absent → on the contract): two-way sync
        /// (B7, 0 units: usage and the PSA's buyers fill them) or a public cloud storage vendor
        /// (B3, 1 unit: the vendor's storage is in use).
        case addContractService(tenantID: String, productID: Int, contractID: Int, units: Int, reason: ContractServiceReason)
        /// Take a line off (on the contract → removed): ConnectWise cancels the addition from
        /// today; Autotask, which cannot delete contract services, takes its units to 0 from today.
        case removeContractService(tenantID: String, line: ContractLine, reason: ContractServiceReason)
    }

    /// The tenant the change acts on; the created one for ``Action/createTenant(_:reason:)``.
    public var tenant: TenantReference {
        switch action {
        case .createTenant(let plan, _): .new(customerID: plan.customerID)
        case .setPricingMode(let tenant, _, _, _), .enableTwoFactor(let tenant), .setQuota(let tenant, _, _, _, _),
            .createAdminUser(let tenant, _), .sendActivationEmail(let tenant, _), .setAdminPassword(let tenant, _):
            tenant
        case .enableTenant(let id, _), .disableTenant(let id, _), .deleteTenant(let id, _),
            .addContractService(let id, _, _, _, _), .removeContractService(let id, _, _):
            .existing(tenantID: id)
        }
    }

    /// The idempotency key of the write; see the type's documentation for the format.
    public var key: String {
        let write: String
        switch action {
        case .createTenant:
            write = "create"
        case .setPricingMode(_, _, let mode, _):
            write = "pricing:\(mode.rawValue)"
        case .enableTwoFactor:
            write = "two-factor:on"
        case .setQuota(_, let item, _, let target, let reason):
            var text = "quota:\(item):\(Self.keyComponent(target))"
            if case .deprovisioning(let start) = reason { text += ":" + Self.clockComponent(start) }
            write = text
        case .createAdminUser(_, let user):
            write = "admin-user:\(user.login)"
        case .sendActivationEmail(_, let user):
            write = "activation-email:\(user.login)"
        case .setAdminPassword(_, let user):
            write = "admin-password:\(user.login)"
        case .enableTenant(_, let start):
            write = "enable:" + Self.clockComponent(start)
        case .disableTenant(_, let start):
            write = "disable:" + Self.clockComponent(start)
        case .deleteTenant:
            write = "delete"
        case .addContractService(_, let product, let contract, _, _):
            write = "contract-service:add:\(product):contract-\(contract)"
        case .removeContractService(_, let line, _):
            write = "contract-service:remove:\(line.id):units-\(line.quantity)"
        }
        return ["provision", psa.rawValue, companyID, tenant.keyComponent, write].joined(separator: ":")
    }

    private static func keyComponent(_ target: QuotaTarget) -> String {
        switch target {
        case .unlimited: "unlimited"
        case .disabled: "disabled"
        case .limited(let value): "limited-\(value)"
        }
    }

    private static func clockComponent(_ start: Date) -> String {
        "clock-\(Int(start.timeIntervalSince1970.rounded(.down)))"
    }
}
