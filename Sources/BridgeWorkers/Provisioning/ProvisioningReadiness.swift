import BridgeCore

/// The provisioner's readiness (``ReadinessCheck``): settings are applied and, while product
/// mapping and provisioning is on, the PSA and cloud secrets resolve, both accept the
/// credentials, and every product mapping resolves against the PSA's products and the cloud's
/// offering items. Each check reads the secrets and both APIs afresh.
public struct ProvisioningReadiness: ReadinessCheck {
    public var settings: SettingsCache
    public var provider: ProvisioningProvider

    public init(settings: SettingsCache, provider: ProvisioningProvider) {
        self.settings = settings
        self.provider = provider
    }

    public func check() async throws {
        await settings.invalidate()
        let current = try await settings.required().settings
        guard current.features.provisioning else { return }
        await provider.clients.forgetClients()
        await provider.invalidate()
        _ = try await provider.context(for: current)
    }
}
