import ArgumentParser

/// Benchmarks of psa-bridge parts, run against real services on loopback.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks of psa-bridge components.",
        subcommands: [
            TransportBenchmarkCommand.self, TicketsBenchmarkCommand.self, ProvisioningBenchmarkCommand.self, BillingBenchmarkCommand.self,
            HousekeepingBenchmarkCommand.self,
        ]
    )
}
