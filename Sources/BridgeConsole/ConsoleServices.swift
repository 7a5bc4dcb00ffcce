import BridgeCore
import BridgeState
import BridgeWorkers
import Foundation
import Logging

/// What the console's pages work with: the state, the settings' schemas, the API clients and the
/// broker, operator accounts and sessions, the templates. The operations are bridgectl's.
public struct ConsoleServices: Sendable {
    public var store: StateStore
    public var catalog: SchemaCatalog
    public var clients: APIClientPool
    public var broker: BrokerLink
    public var accounts: ConsoleAccounts
    public var sessions: ConsoleSessions
    public var throttle: LoginThrottle
    public var pages: ConsolePages
    /// The settings in force, re-read when their version changes (at most every 2 s).
    public var settingsCache: SettingsCache
    public var logger: Logger

    public init(
        store: StateStore, catalog: SchemaCatalog, clients: APIClientPool, broker: BrokerLink, accounts: ConsoleAccounts,
        configuration: ConsoleConfiguration, throttle: LoginThrottle = LoginThrottle(), logger: Logger
    ) throws {
        self.store = store
        self.catalog = catalog
        self.clients = clients
        self.broker = broker
        self.accounts = accounts
        self.sessions = ConsoleSessions(store: store, configuration: configuration)
        self.throttle = throttle
        self.pages = try ConsolePages()
        self.settingsCache = SettingsCache(repository: SettingsRepository(store: store, catalog: catalog))
        self.logger = logger
    }

    /// The settings in force, or nil before the first `bridgectl settings apply`.
    public func settings() async throws -> BridgeSettings? {
        try await settingsCache.current()?.settings
    }

    /// bridgectl's mapping operations, acting as the logged-in operator.
    public func mappingOperations(settings: BridgeSettings?, operatorName: String) -> CompanyMappingOperations {
        CompanyMappingOperations(store: store, settings: settings, clients: clients, actor: "console:\(operatorName)")
    }
}
