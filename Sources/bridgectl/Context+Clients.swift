import APIClients
import BridgeWorkers

extension Context {
    /// API clients for operator commands: quick to give up (two attempts, 15 s), so a command
    /// against an unreachable API answers promptly.
    func clients() throws -> APIClientPool {
        try APIClientPool(
            options: .init(
                transport: .init(connectTimeout: .seconds(5), requestTimeout: .seconds(15), maxConnectionsPerHost: 4),
                retry: HTTPRetryPolicy(
                    maxAttempts: 2, baseDelay: .milliseconds(300), maxDelay: .seconds(2), maxTotalTime: .seconds(15))),
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
