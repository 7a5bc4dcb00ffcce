import ArgumentParser
import BridgeWorkers

/// The `alert-consumer` worker: consumes its queues until SIGTERM, then drains and exits.
@main
struct AlertConsumerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert-consumer",
        abstract: "psa-bridge alert-consumer worker. Runs until SIGTERM; any number of instances may run at once.")

    @OptionGroup var options: WorkerRunOptions

    func run() async throws {
        try await WorkerLauncher.run(.alertConsumer, options: options) { environment in
            TickRecordingHandler(store: environment.store, next: FeaturePendingHandler(feature: "alert polling (SPEC T1-T5)"))
        }
    }
}
