import APIClients
import ArgumentParser
import BridgeWorkers

/// The `ticket-updater` worker: applies `ticket.command`s to the PSA (SPEC T1-T4) until SIGTERM,
/// then drains and exits.
@main
struct TicketUpdaterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket-updater",
        abstract: "psa-bridge ticket-updater worker: creates, notes, re-opens and closes PSA tickets. Runs until SIGTERM; any number of instances may run at once.")

    @OptionGroup var options: WorkerRunOptions

    @OptionGroup var clientOptions: APIClientOptions

    func run() async throws {
        let clientOptions = clientOptions
        try await WorkerLauncher.run(.ticketUpdater, options: options) { environment in
            let clients = try await clientOptions.pool(
                logger: environment.logger, store: environment.store, instance: environment.instance, connections: options.concurrency)
            let handler = TicketCommandHandler.make(environment: environment, clients: clients)
            return WorkerComponents(
                handler: TickRecordingHandler(store: environment.store, next: handler),
                readiness: TicketingReadiness(settings: handler.settings, provider: handler.provider),
                shutdown: { await clients.shutdown() })
        }
    }
}
