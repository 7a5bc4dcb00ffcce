import BridgeValues
import Foundation

extension ProvisioningChange {
    /// The change in one line, old → new and why, for `bridgectl plan` and the audit log.
    public var description: String {
        switch action {
        case .createTenant(let plan, let reason):
            let twoFactor = plan.twoFactorAuthentication ? "on" : "off"
            return "create customer tenant \"\(plan.name)\" (customer id \(plan.customerID), "
                + "\(plan.pricingMode.rawValue), 2FA \(twoFactor)): none → created; \(reason)"
        case .setPricingMode(let tenant, let from, let to, let reason):
            return "set the pricing mode of \(tenant): \(from.rawValue) → \(to.rawValue); \(reason)"
        case .enableTwoFactor(let tenant):
            return "set two-factor authentication of \(tenant): off → on; the setting for new customers (P4)"
        case .setQuota(let tenant, let item, let from, let to, let reason):
            let old = from?.description ?? "not enabled"
            return "set \(item) on \(tenant): \(old) → \(to); \(reason)"
        case .createAdminUser(let tenant, let user):
            return "create admin user \(user.login) (\(user.firstName) \(user.lastName), \(user.email)) "
                + "on \(tenant): none → created (P4)"
        case .sendActivationEmail(_, let user):
            return "send the activation email for \(user.login) to \(user.email): not sent → sent (P4)"
        case .setAdminPassword(_, let user):
            return "set the manually defined password of \(user.login): none → set; no activation email (P4)"
        case .enableTenant(let id, let start):
            return "enable tenant \(id): disabled → enabled; an active line for a mapped product is back, "
                + "the deprovisioning clock from \(Timestamp.format(start, fractionalSeconds: false)) is reset (P6)"
        case .disableTenant(let id, let start):
            return "disable tenant \(id): enabled → disabled; no active line for a mapped product since "
                + "\(Timestamp.format(start, fractionalSeconds: false)) (P6)"
        case .deleteTenant(let id, let start):
            return "delete tenant \(id): disabled → deleted; no active line for a mapped product since "
                + "\(Timestamp.format(start, fractionalSeconds: false)) (P6)"
        case .addContractService(let id, let product, let contract, let units, let reason):
            return "add product \(product) to contract \(contract) with \(units) unit\(units == 1 ? "" : "s"): absent → on the contract; "
                + "\(reason) on tenant \(id)"
        case .removeContractService(let id, let line, let reason):
            return "take line \(line.id) (product \(line.productID), contract \(line.contractID)) off: \(line.quantity) → 0 "
                + "(ConnectWise cancels the addition, Autotask takes the units to 0); \(reason) on tenant \(id)"
        }
    }
}
