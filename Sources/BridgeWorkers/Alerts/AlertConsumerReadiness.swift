import BridgeCore

/// The alert-consumer's readiness (``ReadinessCheck``): settings are applied and, while ticket
/// creation is on, the cloud's client secret resolves and the cloud accepts the credentials
/// (the Alert Manager's alert types are read). Each check reads the secret and the cloud afresh.
public struct AlertConsumerReadiness: ReadinessCheck {
    public var settings: SettingsCache
    public var clients: APIClientPool

    public init(settings: SettingsCache, clients: APIClientPool) {
        self.settings = settings
        self.clients = clients
    }

    public func check() async throws {
        await settings.invalidate()
        let current = try await settings.required().settings
        guard current.features.tickets else { return }
        await clients.forgetClients()
        _ = try await clients.acronis(current.connection).alertTypes(osType: "windows")
    }
}
