import ArgumentParser
import BridgeWorkers

/// The `usage-reporter` worker: consumes its queues until SIGTERM, then drains and exits.
@main
struct UsageReporterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage-reporter",
        abstract: "psa-bridge usage-reporter worker. Runs until SIGTERM; any number of instances may run at once.")

    @OptionGroup var options: WorkerRunOptions

    func run() async throws {
        try await WorkerLauncher.run(.usageReporter, options: options) { environment in
            TickRecordingHandler(store: environment.store, next: FeaturePendingHandler(feature: "billing (SPEC B1-B8)"))
        }
    }
}
