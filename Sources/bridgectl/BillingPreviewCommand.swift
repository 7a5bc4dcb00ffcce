import ArgumentParser
import BridgeCore
import BridgeRules
import BridgeWorkers
import Foundation

/// `bridgectl billing preview [--company ID] [--json]`: per PAYG line, the quantity the PSA
/// holds now → the quantity the usage-reporter would write, and why (period, storage kind,
/// rounding). The same reader and planner as the worker; writes nothing.
struct BillingPreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Preview billing: per pay-as-you-go line, PSA quantity now → quantity to write, and why. Writes nothing.")

    @OptionGroup var fleet: FleetOptions
    @Option(help: "Only this mapped PSA company (read afresh, as the usage-reporter's handler reads it).") var company: String?
    @Flag(help: "Machine-readable output.") var json = false
    @Flag(help: "List lines that already hold their quantity too.") var all = false

    /// One line as printed with --json.
    struct Line: Encodable {
        var companyId: String
        var companyName: String?
        var tenantId: String
        var period: String
        var productId: Int
        var offeringItem: String
        var storageUsage: String?
        var lineId: Int
        var contractId: Int
        var usage: String
        var current: String
        var target: String
        var write: String
        var reason: String
    }

    func run() async throws {
        let context = Context(fleet)
        let store = try context.store()
        let repository = SettingsRepository(store: store, catalog: try context.catalog())
        guard let settings = try await repository.current() else {
            throw ValidationError("no settings applied yet (bridgectl settings apply FILE)")
        }
        let items: [BillingPreview.Item]
        do {
            items = try await context.withClients { clients in
                let job = try await BillingJob.make(for: settings, provider: ProvisioningProvider(clients: clients), store: store)
                return try await BillingPreview(store: store).plans(job, companyID: company)
            }
        } catch let error as BillingPreviewError {
            throw ValidationError(error.description)
        }
        let lines = items.flatMap { item in
            item.plan.lines.filter { all || company != nil || $0.needsWrite }.map { line in
                Line(
                    companyId: item.entry.mapping.companyId, companyName: item.entry.mapping.companyName,
                    tenantId: item.entry.tenantID, period: item.plan.window.label, productId: line.productID,
                    offeringItem: line.item.description, storageUsage: line.usageClass?.rawValue, lineId: line.lineID,
                    contractId: line.contractID, usage: line.usage.description, current: line.current.description,
                    target: line.target.description, write: line.write.operatorDescription, reason: line.reason)
            }
        }
        if json {
            try printJSON(lines)
            return
        }
        let writes = items.flatMap(\.plan.changes).count
        print("\(items.count) mapped companies read, \(writes) lines to write")
        for item in items {
            let shown = item.plan.lines.filter { all || company != nil || $0.needsWrite }
            guard !shown.isEmpty || !item.plan.problems.isEmpty else { continue }
            print("\(item.entry.mapping.companyName ?? item.entry.mapping.companyId) (company \(item.entry.mapping.companyId), tenant \(item.entry.tenantID)) — period \(item.plan.window.label)")
            for line in shown {
                print("  line \(line.lineID) product \(line.productID): \(line.current) → \(line.target)  [\(line.write.operatorDescription)]")
                print("    \(line.reason)")
            }
            for problem in item.plan.problems { print("  problem: \(problem)") }
        }
    }
}
