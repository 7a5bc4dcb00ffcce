import ArgumentParser
import BridgeWorkers

/// The `ticket-updater` worker: consumes its queues until SIGTERM, then drains and exits.
@main
struct TicketUpdaterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticket-updater",
        abstract: "psa-bridge ticket-updater worker. Runs until SIGTERM; any number of instances may run at once.")

    @OptionGroup var options: WorkerRunOptions

    func run() async throws {
        try await WorkerLauncher.run(.ticketUpdater, options: options) { environment in
            TickRecordingHandler(store: environment.store, next: FeaturePendingHandler(feature: "ticket updates (SPEC T1-T5)"))
        }
    }
}
