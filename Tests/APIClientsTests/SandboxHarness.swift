import BridgeValues
import APIClients
import Foundation
import Logging
import SandboxKit

/// A sandbox on ephemeral loopback ports plus a transport and clients pointed at it.
struct SandboxHarness: Sendable {
    let sandbox: Sandbox
    let transport: HTTPTransport
    let logger: Logger

    /// Retries fast enough for tests, with the production rules.
    static let fastRetry = HTTPRetryPolicy(
        maxAttempts: 4, baseDelay: .milliseconds(300), maxDelay: .seconds(2), maxTotalTime: .seconds(20))

    /// Starts a sandbox with `configuration`, runs `body`, and shuts everything down.
    static func run<T: Sendable>(
        _ configuration: SandboxConfiguration = SandboxConfiguration(world: .generate(companies: 5, alerts: 2, seed: 7)),
        transport transportConfiguration: HTTPTransport.Configuration = .init(),
        logger: Logger = quietLogger,
        _ body: (SandboxHarness) async throws -> T
    ) async throws -> T {
        let sandbox = try await Sandbox.start(configuration)
        let transport: HTTPTransport
        do {
            transport = try HTTPTransport(configuration: transportConfiguration)
        } catch {
            try? await sandbox.shutdown()
            throw error
        }
        let harness = SandboxHarness(sandbox: sandbox, transport: transport, logger: logger)
        do {
            let result = try await body(harness)
            try await transport.shutdown()
            try await sandbox.shutdown()
            return result
        } catch {
            try? await transport.shutdown()
            try? await sandbox.shutdown()
            throw error
        }
    }

    static var quietLogger: Logger {
        var logger = Logger(label: "api-clients-tests")
        logger.logLevel = .error
        return logger
    }

    func acronis(pageSize: Int = 100, retry: HTTPRetryPolicy = fastRetry, secret: String? = nil) throws -> AcronisClient {
        let credentials = sandbox.credentials.acronis
        return try AcronisClient(
            configuration: AcronisConfiguration(
                baseURL: sandbox.acronisURL.absoluteString, clientID: credentials.clientId,
                clientSecret: Secret(secret ?? credentials.clientSecret), retry: retry, pageSize: pageSize),
            transport: transport, logger: logger)
    }

    func connectWise(
        pageSize: Int = 1000, retry: HTTPRetryPolicy = fastRetry, privateKey: String? = nil, codebase: String? = nil
    ) throws -> ConnectWiseClient {
        let credentials = sandbox.credentials.connectWise
        return try ConnectWiseClient(
            configuration: ConnectWiseConfiguration(
                site: sandbox.connectWiseURL.absoluteString, companyID: credentials.companyId,
                publicKey: credentials.publicKey, privateKey: Secret(privateKey ?? credentials.privateKey),
                clientID: Secret(credentials.clientId), codebase: codebase, retry: retry, pageSize: pageSize),
            transport: transport, logger: logger)
    }

    func autotask(
        pageSize: Int = 500, retry: HTTPRetryPolicy = fastRetry, limiter: AutotaskRequestLimiter = AutotaskRequestLimiter(),
        secret: String? = nil
    ) throws -> AutotaskClient {
        let credentials = sandbox.credentials.autotask
        return try AutotaskClient(
            configuration: AutotaskConfiguration(
                userName: credentials.userName, secret: Secret(secret ?? credentials.secret),
                integrationCode: Secret(credentials.integrationCode),
                discoveryURL: sandbox.autotaskURL.absoluteString + "/atservicesrest", retry: retry, limiter: limiter,
                pageSize: pageSize),
            transport: transport, logger: logger)
    }

    /// Calls of one API counted by the sandbox under `METHOD /template`.
    func calls(_ api: SandboxAPI, _ method: String, _ template: String) async -> Int {
        await sandbox.state.calls(api).count(method, template)
    }
}

/// Measures wall-clock time of an async block.
func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Duration) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try await body()
    return (value, clock.now - start)
}
