import ArgumentParser

/// `bridgectl audit …`: the append-only audit log of external writes.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The audit log of every external write.",
        subcommands: [AuditExportCommand.self])
}
