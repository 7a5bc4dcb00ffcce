import ArgumentParser

/// `bridgectl`: the operator's tool.
@main
struct Bridgectl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bridgectl",
        abstract: "Operate psa-bridge: settings, status, manual sync, dead letters, topology, company mappings, billing, audit log.",
        subcommands: [
            SettingsCommand.self, StatusCommand.self, SyncCommand.self, DLQCommand.self, TopologyCommand.self,
            MapCommand.self, CompaniesCommand.self, PlanCommand.self, BillingCommand.self, AuditCommand.self,
            ConsoleCommandGroup.self,
        ])
}
