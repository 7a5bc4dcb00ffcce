import APIClients
import ArgumentParser
import BridgeWorkers

/// The `provisioner` worker: on each tick plans every PSA company against its cloud tenant and
/// fans out one `provision.company` per company with something to do; applies those (SPEC
/// P1-P7). Runs until SIGTERM, then drains and exits.
@main
struct ProvisionerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provisioner",
        abstract: "psa-bridge provisioner worker: tenants, admin users and quotas from PSA agreements or contracts; deprovisioning. Runs until SIGTERM; any number of instances may run at once.")

    @OptionGroup var options: WorkerRunOptions

    @Option(help: "Autotask requests this process may have in flight per endpoint. Autotask allows 3 per integration: with several instances, share them out.")
    var autotaskThreads: Int = 3

    @Option(help: "Autotask requests this process may send per hour. Autotask allows 10,000 per database for all integrations: share them out between instances.")
    var autotaskHourlyBudget: Int = 10_000

    @Option(help: "HTTP connections kept per API host.")
    var httpConnections: Int = 64

    func validate() throws {
        guard autotaskThreads >= 1 else { throw ValidationError("--autotask-threads must be at least 1") }
        guard autotaskHourlyBudget >= 1 else { throw ValidationError("--autotask-hourly-budget must be at least 1") }
        guard httpConnections >= 1 else { throw ValidationError("--http-connections must be at least 1") }
    }

    func run() async throws {
        let threads = autotaskThreads
        let budget = autotaskHourlyBudget
        let connections = httpConnections
        try await WorkerLauncher.run(.provisioner, options: options) { environment in
            let clients = try APIClientPool(
                options: .init(
                    transport: .init(maxConnectionsPerHost: connections),
                    autotaskLimiter: AutotaskRequestLimiter(concurrencyPerEndpoint: threads, requestsPerWindow: budget)),
                logger: environment.logger)
            let handler = ProvisionerHandler.make(environment: environment, clients: clients)
            return WorkerComponents(
                handler: TickRecordingHandler(store: environment.store, next: handler),
                readiness: ProvisioningReadiness(settings: handler.settings, provider: handler.provider),
                shutdown: { await clients.shutdown() })
        }
    }
}
