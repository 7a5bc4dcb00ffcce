import BridgeCore

/// The provisioner's readiness (``ReadinessCheck``): settings are applied and, while product
/// mapping and provisioning is on, the PSA and cloud secrets resolve, both accept the
/// credentials, and every product mapping resolves against the PSA's products and the cloud's
/// offering items. Each check reads the secrets and both APIs afresh. The usage-reporter uses
/// the same check while billing is on (`enabled`), since billing stands on the same mappings.
public struct ProvisioningReadiness: ReadinessCheck {
    public var settings: SettingsCache
    public var provider: ProvisioningProvider
    /// Whether the job that needs the check is on.
    public var enabled: @Sendable (BridgeSettings) -> Bool

    public init(
        settings: SettingsCache, provider: ProvisioningProvider,
        enabled: @escaping @Sendable (BridgeSettings) -> Bool = { $0.features.provisioning }
    ) {
        self.settings = settings
        self.provider = provider
        self.enabled = enabled
    }

    public func check() async throws {
        await settings.invalidate()
        let current = try await settings.required().settings
        guard enabled(current) else { return }
        await provider.clients.forgetClients()
        await provider.invalidate()
        _ = try await provider.context(for: current)
    }
}
