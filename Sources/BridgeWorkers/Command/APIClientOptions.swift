import APIClients
import ArgumentParser
import BridgeState
import Logging

/// The API client options of a worker that writes to the PSA and the cloud: Autotask's limits
/// and the HTTP connections per host.
///
/// Autotask's limits are the fleet's: every process on the same state shares the requests in
/// flight per endpoint (`--autotask-threads`) and the hourly budget (`--autotask-hourly-budget`)
/// through it, so give every instance the same values.
public struct APIClientOptions: ParsableArguments, Sendable {
    @Option(help: "Autotask requests the fleet may have in flight per endpoint, all processes on this state together. Autotask allows 3 per integration.")
    public var autotaskThreads: Int = 3

    @Option(help: "Autotask requests the fleet may send per hour, all processes on this state together. Autotask allows 10,000 per database for all integrations: leave a share for the others.")
    public var autotaskHourlyBudget: Int = 10_000

    @Flag(
        inversion: .prefixedNo,
        help: "Share the Autotask limits with every process on this state (off: each process keeps them alone, and N processes may use N times them).")
    public var autotaskFleetLimits: Bool = true

    @Option(
        help: "HTTP connections kept per API host. Default: the worker's --concurrency (each handler has one request in flight at a time). Every open connection keeps its own receive buffers, so more connections than requests in flight only cost memory.")
    public var httpConnections: Int?

    public init() {}

    public func validate() throws {
        guard autotaskThreads >= 1 else { throw ValidationError("--autotask-threads must be at least 1") }
        guard autotaskHourlyBudget >= 1 else { throw ValidationError("--autotask-hourly-budget must be at least 1") }
        if let httpConnections, httpConnections < 1 { throw ValidationError("--http-connections must be at least 1") }
    }

    /// The client pool these options describe, sharing Autotask's limits through `store` (unless
    /// `--no-autotask-fleet-limits`) as instance `instance`, with `--http-connections` or else
    /// `connections` per API host (a worker's concurrency). Slots left by processes of this host
    /// that were killed are freed first.
    public func pool(logger: Logger, store: StateStore, instance: String, connections: Int) async throws -> APIClientPool {
        var shared: StateRequestLimits?
        if autotaskFleetLimits {
            let limits = StateRequestLimits(store: store, instance: instance)
            try await limits.releaseDeadHolders()
            shared = limits
        }
        return try APIClientPool(
            options: .init(
                transport: .init(maxConnectionsPerHost: httpConnections ?? max(1, connections)),
                autotaskLimiter: AutotaskRequestLimiter(
                    concurrencyPerEndpoint: autotaskThreads, requestsPerWindow: autotaskHourlyBudget, shared: shared)),
            logger: logger)
    }
}
