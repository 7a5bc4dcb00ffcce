import BridgeCore

/// The ticket-updater's readiness (``ReadinessCheck``): settings are applied and, while ticket
/// creation is on, the PSA secrets resolve, the PSA accepts the credentials and every name in
/// the ticket settings resolves against it. Each check reads the secrets and the PSA afresh.
public struct TicketingReadiness: ReadinessCheck {
    public var settings: SettingsCache
    public var provider: TicketingProvider

    public init(settings: SettingsCache, provider: TicketingProvider) {
        self.settings = settings
        self.provider = provider
    }

    public func check() async throws {
        await settings.invalidate()
        let current = try await settings.required().settings
        guard current.features.tickets else { return }
        await provider.clients.forgetClients()
        await provider.invalidate()
        _ = try await provider.port(for: current)
    }
}
