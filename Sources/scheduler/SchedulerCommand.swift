import ArgumentParser
import BridgeWorkers
import Foundation
import ServiceLifecycle

/// The `scheduler`: publishes `sync.tick` once per slot (SPEC S2). Two may run for availability.
@main
struct SchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "psa-bridge scheduler: publishes sync.tick every interval (15 minutes by default).")

    @OptionGroup var fleet: FleetOptions

    @Option(help: "Tick interval in seconds.")
    var interval: Int = 900

    @Option(help: "Instance name, shown as the tick's emitter.")
    var instance: String = "1"

    func validate() throws {
        guard interval >= 1 else { throw ValidationError("--interval must be at least 1 second") }
    }

    func run() async throws {
        let logger = WorkerLauncher.bootstrapLogging(label: "psa-bridge.scheduler", level: fleet.resolvedLogLevel, instance: instance)
        let environment = try await WorkerLauncher.makeEnvironment(.scheduler, fleet: fleet, instance: instance, logger: logger)
        let service = SchedulerService(
            intervalSeconds: interval, emitter: "scheduler@\(ProcessInfo.processInfo.hostName)/\(instance)",
            store: environment.store, bus: environment.bus, logger: logger,
            pollInterval: .seconds(min(5, interval)))
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: service, successTerminationBehavior: .gracefullyShutdownGroup)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        await (environment.bus as? BrokerAdmin)?.close()
    }
}
