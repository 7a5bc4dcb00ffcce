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

    @OptionGroup var clientOptions: APIClientOptions

    func run() async throws {
        let clientOptions = clientOptions
        try await WorkerLauncher.run(.provisioner, options: options) { environment in
            let clients = try await clientOptions.pool(
                logger: environment.logger, store: environment.store, instance: environment.instance, connections: options.concurrency)
            let handler = ProvisionerHandler.make(environment: environment, clients: clients)
            return WorkerComponents(
                handler: TickRecordingHandler(store: environment.store, next: handler),
                readiness: ProvisioningReadiness(settings: handler.settings, provider: handler.provider),
                shutdown: { await clients.shutdown() })
        }
    }
}
