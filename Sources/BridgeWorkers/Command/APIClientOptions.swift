import APIClients
import ArgumentParser
import Logging

/// The API client options of a worker that writes to the PSA and the cloud: Autotask's limits
/// for this process and the HTTP connections per host.
public struct APIClientOptions: ParsableArguments, Sendable {
    @Option(help: "Autotask requests this process may have in flight per endpoint. Autotask allows 3 per integration: with several instances, share them out (e.g. 1 each with 3 instances).")
    public var autotaskThreads: Int = 3

    @Option(help: "Autotask requests this process may send per hour. Autotask allows 10,000 per database for all integrations: share them out between instances.")
    public var autotaskHourlyBudget: Int = 10_000

    @Option(help: "HTTP connections kept per API host.")
    public var httpConnections: Int = 64

    public init() {}

    public func validate() throws {
        guard autotaskThreads >= 1 else { throw ValidationError("--autotask-threads must be at least 1") }
        guard autotaskHourlyBudget >= 1 else { throw ValidationError("--autotask-hourly-budget must be at least 1") }
        guard httpConnections >= 1 else { throw ValidationError("--http-connections must be at least 1") }
    }

    /// The client pool these options describe.
    public func pool(logger: Logger) throws -> APIClientPool {
        try APIClientPool(
            options: .init(
                transport: .init(maxConnectionsPerHost: httpConnections),
                autotaskLimiter: AutotaskRequestLimiter(concurrencyPerEndpoint: autotaskThreads, requestsPerWindow: autotaskHourlyBudget)),
            logger: logger)
    }
}
