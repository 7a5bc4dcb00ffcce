import ArgumentParser
import BridgeWorkers

/// The `alert-consumer` worker: turns cloud alerts into ticket commands (SPEC T1-T5) on every
/// tick and on its own poll loop, until SIGTERM; then drains and exits.
@main
struct AlertConsumerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert-consumer",
        abstract: "psa-bridge alert-consumer worker: polls cloud alerts on every tick and every worker.pollSeconds, publishes ticket commands. Runs until SIGTERM; any number of instances may run at once.")

    @OptionGroup var options: WorkerRunOptions

    @Option(help: "Seconds between alert polls, overriding the settings' worker.pollSeconds (for tests and demos).")
    var pollSeconds: Double?

    func validate() throws {
        if let pollSeconds, pollSeconds <= 0 { throw ValidationError("--poll-seconds must be positive") }
    }

    func run() async throws {
        let interval = pollSeconds.map { Duration.milliseconds(Int64($0 * 1000)) }
        let instance = options.instance
        try await WorkerLauncher.run(.alertConsumer, options: options) { environment in
            let clients = try APIClientPool(logger: environment.logger)
            let settings = SettingsCache(
                repository: SettingsRepository(store: environment.store, catalog: environment.catalog))
            let poller = AlertPoller(
                store: environment.store, settings: settings, clients: clients, bus: environment.bus,
                logger: environment.logger)
            return WorkerComponents(
                handler: TickRecordingHandler(store: environment.store, next: AlertTickHandler(poller: poller)),
                readiness: AlertConsumerReadiness(settings: settings, clients: clients),
                services: { readiness in
                    [
                        AlertPollService(
                            poller: poller, settings: settings, store: environment.store, instance: instance,
                            interval: interval, readiness: readiness, logger: environment.logger)
                    ]
                },
                shutdown: { await clients.shutdown() })
        }
    }
}
