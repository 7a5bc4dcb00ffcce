import BridgeValues
import BridgeCore
import Foundation

/// The provisioning ports and the settings resolved against them (``ProvisioningSetup``),
/// cached per settings content and refreshed after `refreshAfter`, so product names are looked
/// up once per settings change and concurrent handlers share one lookup. The first resolution
/// also prepares the PSA (Autotask's PAYG contract field).
public actor ProvisioningProvider {
    public let clients: APIClientPool
    public let refreshAfter: Duration

    /// What a provisioning pass works with.
    public struct Context: Sendable {
        public var psa: any ProvisioningPSA
        public var cloud: ProvisioningCloud
        public var setup: ProvisioningSetup
        /// The manually defined admin password (P4), read when a new admin user needs it; nil
        /// when passwords are set through the activation email.
        public var adminPassword: (@Sendable () throws -> Secret)?
    }

    private struct Key: Hashable {
        var connection: ConnectionSettings
        var mappings: [ProductMapping]
        var provisioning: ProvisioningSettings
        var deprovisioning: DeprovisioningSettings
    }

    private var cached: (key: Key, task: Task<Context, any Error>, at: ContinuousClock.Instant)?

    public init(clients: APIClientPool, refreshAfter: Duration = .seconds(600)) {
        self.clients = clients
        self.refreshAfter = refreshAfter
    }

    /// The context for `settings`.
    /// - Throws: ``ProvisioningSettingsError`` when a product or offering item does not resolve,
    ///   ``SecretSetupError``, or the API's error. Failures are not cached.
    public func context(for settings: BridgeSettings) async throws -> Context {
        let key = Key(
            connection: settings.connection, mappings: settings.productMappings, provisioning: settings.provisioning,
            deprovisioning: settings.deprovisioning)
        let now = ContinuousClock.now
        if let cached, cached.key == key, now - cached.at < refreshAfter {
            do {
                return try await cached.task.value
            } catch {
                if self.cached?.at == cached.at { self.cached = nil }
                throw error
            }
        }
        let (psa, cloud) = try await Self.ports(for: settings, clients: clients)
        let task = Task {
            let setup = try await ProvisioningSetup.resolve(settings, psa: psa, cloud: cloud)
            try await psa.prepare(marker: setup.marker)
            return Context(psa: psa, cloud: cloud, setup: setup, adminPassword: Self.adminPassword(settings, clients: clients))
        }
        cached = (key, task, now)
        do {
            return try await task.value
        } catch {
            if cached?.at == now { cached = nil }
            throw error
        }
    }

    /// The provisioning ports for the settings' connections.
    public static func ports(
        for settings: BridgeSettings, clients: APIClientPool
    ) async throws -> (psa: any ProvisioningPSA, cloud: ProvisioningCloud) {
        let psa: any ProvisioningPSA
        switch try await clients.psa(settings.connection) {
        case .connectWise(let client):
            psa = ConnectWiseProvisioning(client: client, activeStatuses: settings.provisioning.activeStatuses)
        case .autotask(let client):
            psa = AutotaskProvisioning(client: client)
        }
        return (psa, ProvisioningCloud(client: try await clients.acronis(settings.connection)))
    }

    /// The reader of the manually defined admin password, when the settings define one.
    static func adminPassword(_ settings: BridgeSettings, clients: APIClientPool) -> (@Sendable () throws -> Secret)? {
        guard settings.provisioning.accountPassword == .definedManually, let reference = settings.provisioning.adminPassword
        else { return nil }
        return { try clients.secret(reference, at: "/provisioning/adminPassword") }
    }

    /// Resolves the product mappings against the PSA and the cloud without preparing or
    /// writing anything (`bridgectl settings check` and `apply`).
    /// - Throws: ``ProvisioningSettingsError`` with the path of every mapping that does not resolve.
    public static func check(_ settings: BridgeSettings, clients: APIClientPool) async throws -> ProvisioningSetup {
        let (psa, cloud) = try await ports(for: settings, clients: clients)
        return try await ProvisioningSetup.resolve(settings, psa: psa, cloud: cloud)
    }

    /// Forgets the resolved settings.
    public func invalidate() {
        cached = nil
    }
}
