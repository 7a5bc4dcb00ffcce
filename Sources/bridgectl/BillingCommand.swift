import ArgumentParser

/// `bridgectl billing …`: billing's operator commands (SPEC B1-B8).
struct BillingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing",
        abstract: "Billing: preview what the usage-reporter would write; reconcile cloud usage with PSA quantities.",
        subcommands: [BillingPreviewCommand.self, BillingReconcileCommand.self])
}
