import ArgumentParser
import BridgeWorkers

/// The `provisioner` worker: consumes its queues until SIGTERM, then drains and exits.
@main
struct ProvisionerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provisioner",
        abstract: "psa-bridge provisioner worker. Runs until SIGTERM; any number of instances may run at once.")

    @OptionGroup var options: WorkerRunOptions

    func run() async throws {
        try await WorkerLauncher.run(.provisioner, options: options) { environment in
            TickRecordingHandler(store: environment.store, next: FeaturePendingHandler(feature: "provisioning (SPEC P1-P7)"))
        }
    }
}
