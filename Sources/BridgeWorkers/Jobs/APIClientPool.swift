import APIClients
import BridgeCore
import BridgeValues
import Foundation
import Logging

/// The API clients of one worker process: one HTTP transport, and a client per connection in the
/// settings, built on first use and kept while the settings' connection stays the same (the
/// Acronis client keeps its token, the Autotask limiter its counts).
///
/// Secrets are read from the environment or files (`{env: NAME}`, `{file: PATH}`) when a client
/// is built; errors name the setting, never a value.
public actor APIClientPool {
    /// How clients are built.
    public struct Options: Sendable {
        /// The shared HTTP client's settings.
        public var transport: HTTPTransport.Configuration
        /// Retries inside one call; beyond them a worker defers the message for a retry.
        public var retry: HTTPRetryPolicy
        /// The process's Autotask limiter (3 requests in flight per endpoint, 10,000 per hour by
        /// default). Several processes on one Autotask database should share the limits out.
        public var autotaskLimiter: AutotaskRequestLimiter
        /// Where the Autotask zone is discovered; the public discovery URL when nil
        /// (`PSA_BRIDGE_AUTOTASK_DISCOVERY_URL` points it at a sandbox).
        public var autotaskDiscoveryURL: String?
        /// The environment `{env: NAME}` secrets are read from.
        public var environment: [String: String]

        public init(
            transport: HTTPTransport.Configuration = .init(maxConnectionsPerHost: 64),
            retry: HTTPRetryPolicy = APIClientPool.workerRetry,
            autotaskLimiter: AutotaskRequestLimiter = AutotaskRequestLimiter(),
            autotaskDiscoveryURL: String? = ProcessInfo.processInfo.environment[APIClientPool.autotaskDiscoveryVariable],
            environment: [String: String] = ProcessInfo.processInfo.environment
        ) {
            self.transport = transport
            self.retry = retry
            self.autotaskLimiter = autotaskLimiter
            self.autotaskDiscoveryURL = autotaskDiscoveryURL
            self.environment = environment
        }
    }

    /// The environment variable that overrides the Autotask zone discovery URL.
    public static let autotaskDiscoveryVariable = "PSA_BRIDGE_AUTOTASK_DISCOVERY_URL"

    /// Retries within one call for workers: short, because a failed message is retried through
    /// the queue's delay tiers (5 s, 30 s, ...) without holding a handler.
    public static let workerRetry = HTTPRetryPolicy(
        maxAttempts: 4, baseDelay: .milliseconds(300), maxDelay: .seconds(5), maxTotalTime: .seconds(30))

    public nonisolated let options: Options
    private let transport: HTTPTransport
    private let logger: Logger
    private var acronisClients: [CloudConnection: AcronisClient] = [:]
    private var psaClients: [PSAConnection: PSAClient] = [:]

    public init(options: Options = Options(), logger: Logger) throws {
        self.options = options
        self.transport = try HTTPTransport(configuration: options.transport)
        self.logger = logger
    }

    /// The Acronis client for the settings' cloud connection.
    public func acronis(_ connection: ConnectionSettings) throws -> AcronisClient {
        if let client = acronisClients[connection.cloud] { return client }
        let cloud = connection.cloud
        let secret = try Self.reveal(cloud.clientSecret, at: "/connection/cloud/clientSecret", options.environment)
        let client = try AcronisClient(
            configuration: AcronisConfiguration(
                baseURL: cloud.datacenterURL.absoluteString, clientID: cloud.clientId, clientSecret: Secret(secret),
                retry: options.retry),
            transport: transport, logger: logger)
        acronisClients[cloud] = client
        return client
    }

    /// The PSA client for the settings' connection: ConnectWise or Autotask.
    public enum PSAClient: Sendable {
        case connectWise(ConnectWiseClient)
        case autotask(AutotaskClient)
    }

    /// The PSA client for the settings' PSA connection, shared by every job of the process.
    public func psa(_ connection: ConnectionSettings) throws -> PSAClient {
        if let client = psaClients[connection.psa] { return client }
        let client: PSAClient
        switch connection.psa {
        case .connectWise(let cw):
            let base: JSONPointer = "/connection/psa/connectwise"
            let publicKey = try Self.reveal(cw.publicKey, at: base.appending("publicKey"), options.environment)
            let privateKey = try Self.reveal(cw.privateKey, at: base.appending("privateKey"), options.environment)
            client = .connectWise(
                try ConnectWiseClient(
                    configuration: ConnectWiseConfiguration(
                        site: Self.siteURL(cw.site), companyID: cw.company, publicKey: publicKey, privateKey: Secret(privateKey),
                        clientID: Secret(cw.clientId), retry: options.retry),
                    transport: transport, logger: logger))
        case .autotask(let at):
            let base: JSONPointer = "/connection/psa/autotask"
            let secret = try Self.reveal(at.secret, at: base.appending("secret"), options.environment)
            let code = try Self.reveal(at.integrationCode, at: base.appending("integrationCode"), options.environment)
            var configuration = AutotaskConfiguration(
                userName: at.username, secret: Secret(secret), integrationCode: Secret(code),
                retry: options.retry, limiter: options.autotaskLimiter)
            if let discovery = options.autotaskDiscoveryURL { configuration.discoveryURL = discovery }
            client = .autotask(try AutotaskClient(configuration: configuration, transport: transport, logger: logger))
        }
        psaClients[connection.psa] = client
        return client
    }

    /// The ticketing port for the settings' PSA connection.
    public func ticketing(_ connection: ConnectionSettings) throws -> any TicketingPSA {
        switch try psa(connection) {
        case .connectWise(let client): ConnectWiseTicketing(client: client)
        case .autotask(let client): AutotaskTicketing(client: client)
        }
    }

    /// Forgets the clients built so far, so the next use reads the secrets again (a `{file: PATH}`
    /// secret may have been rewritten) and authenticates afresh. Used by readiness checks.
    public func forgetClients() {
        acronisClients.removeAll()
        psaClients.removeAll()
    }

    /// Closes the HTTP connections; call once at exit.
    public func shutdown() async {
        try? await transport.shutdown()
    }

    /// The ConnectWise site as the client takes it: the settings give a host (`na.myconnectwise.net`,
    /// `cw.example.com:8443`), reached over HTTPS; a loopback host (`127.0.0.1`, `localhost`,
    /// `[::1]`) is reached over plain HTTP, since its traffic never leaves the machine (the local
    /// sandbox).
    static func siteURL(_ site: String) -> String {
        let host = site.split(separator: ":").first.map(String.init)?.lowercased() ?? ""
        let loopback = host == "localhost" || host.hasPrefix("127.") || site.hasPrefix("[::1]")
        return loopback && !site.contains("://") ? "http://" + site : site
    }

    /// Reads a secret the settings name at `path` (an admin password), from this pool's
    /// environment. Errors name the setting and the reference, never a value.
    public nonisolated func secret(_ reference: SecretRef, at path: JSONPointer) throws -> Secret {
        do {
            return try reference.resolve(environment: options.environment)
        } catch {
            throw SecretSetupError(path: path, reason: "\(error)")
        }
    }

    private static func reveal(_ reference: SecretRef, at path: JSONPointer, _ environment: [String: String]) throws
        -> String
    {
        do {
            return try reference.resolve(environment: environment).reveal()
        } catch {
            throw SecretSetupError(path: path, reason: "\(error)")
        }
    }
}

/// A secret named by the settings could not be read (the message names the setting and the
/// reference, never a value).
public struct SecretSetupError: Error, Sendable, CustomStringConvertible {
    public var path: JSONPointer
    public var reason: String

    public var description: String { "cannot read the secret \(path): \(reason)" }
}
