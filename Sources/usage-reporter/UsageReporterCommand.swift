import APIClients
import ArgumentParser
import BridgeWorkers

/// The `usage-reporter` worker: on each tick reads every mapped tenant's usage for the period
/// due today and fans out one `usage.tenant` per tenant with a PSA line to bring up to date;
/// writes those (SPEC B1-B8). Runs until SIGTERM, then drains and exits.
@main
struct UsageReporterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage-reporter",
        abstract: "psa-bridge usage-reporter worker: cloud usage to PSA quantities (ConnectWise additions, Autotask contract service adjustments). Runs until SIGTERM; any number of instances may run at once.")

    @OptionGroup var options: WorkerRunOptions

    @OptionGroup var clientOptions: APIClientOptions

    func run() async throws {
        let clientOptions = clientOptions
        try await WorkerLauncher.run(.usageReporter, options: options) { environment in
            let clients = try await clientOptions.pool(
                logger: environment.logger, store: environment.store, instance: environment.instance, connections: options.concurrency)
            let handler = UsageReporterHandler.make(environment: environment, clients: clients)
            return WorkerComponents(
                handler: TickRecordingHandler(store: environment.store, next: handler),
                readiness: ProvisioningReadiness(
                    settings: handler.settings, provider: handler.provider, enabled: { $0.features.billing }),
                shutdown: { await clients.shutdown() })
        }
    }
}
