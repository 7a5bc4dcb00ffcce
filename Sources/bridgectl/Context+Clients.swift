import APIClients
import Foundation
import BridgeWorkers

extension Context {
    /// API clients for operator commands: quick to give up (two attempts, 15 s), so a command
    /// against an unreachable API answers promptly. Autotask requests take their slots and
    /// budget from the fleet's shared limits when the state opens (a command run before there is
    /// a state keeps Autotask's limits on its own).
    func clients() throws -> APIClientPool {
        let shared = (try? store()).map { StateRequestLimits(store: $0, instance: "bridgectl") }
        return try APIClientPool(
            options: .init(
                transport: .init(connectTimeout: .seconds(5), requestTimeout: .seconds(15), maxConnectionsPerHost: 4),
                retry: HTTPRetryPolicy(
                    maxAttempts: 2, baseDelay: .milliseconds(300), maxDelay: .seconds(2), maxTotalTime: .seconds(15)),
                autotaskLimiter: AutotaskRequestLimiter(shared: shared)),
            logger: logger)
    }
}

extension Context {
    /// Runs `body` with API clients and closes them afterwards, also when `body` throws.
    func withClients<T>(_ body: (APIClientPool) async throws -> T) async throws -> T {
        let clients = try clients()
        do {
            let result = try await body(clients)
            await clients.shutdown()
            return result
        } catch {
            await clients.shutdown()
            throw error
        }
    }
}
