import ArgumentParser
import BridgeCore
import BridgeRules
import BridgeWorkers
import Foundation

/// `bridgectl plan [--company ID] [--json]`: what the provisioner would do now (SPEC P1-P6),
/// from the same reader and planner as the worker, writing nothing.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Preview provisioning: per company, the tenant, user, quota and enable/disable/delete changes the provisioner would make now (old → new, and why). Writes nothing.")

    @OptionGroup var fleet: FleetOptions
    @Option(help: "Only this PSA company (read afresh, as the provisioner's handler reads it).") var company: String?
    @Flag(help: "Machine-readable output.") var json = false
    @Flag(help: "List companies with nothing to do too.") var all = false

    /// One company's plan as printed with --json.
    struct Entry: Encodable {
        var companyId: String
        var companyName: String
        var mapping: String
        var tenantId: String?
        var outOfScope: String?
        var changes: [Change]
        var problems: [String]
        var mappingAfter: String?

        struct Change: Encodable {
            var key: String
            var description: String
        }
    }

    func run() async throws {
        let context = Context(fleet)
        let store = try context.store()
        let repository = SettingsRepository(store: store, catalog: try context.catalog())
        guard let settings = try await repository.current() else {
            throw ValidationError("no settings applied yet (bridgectl settings apply FILE)")
        }
        let items = try await context.withClients { clients in
            let job = try await ProvisioningProvider(clients: clients).context(for: settings)
            return try await ProvisioningPreview(store: store).plans(job, companyID: company)
        }
        if company != nil && items.isEmpty {
            throw ValidationError("\(settings.psa.displayName) has no company \(company!)")
        }
        let shown = items.filter { all || company != nil || !$0.plan.isEmpty }
        if json {
            try printJSON(
                shown.map { item in
                    Entry(
                        companyId: item.entry.facts.company.id, companyName: item.entry.facts.company.name,
                        mapping: item.entry.facts.mapping.description, tenantId: item.entry.facts.mapping.tenantIDInPlay,
                        outOfScope: item.plan.outOfScope?.rawValue,
                        changes: item.plan.changes.map { Entry.Change(key: $0.key, description: $0.description) },
                        problems: item.plan.problems.map(\.description),
                        mappingAfter: item.plan.mapping.status(createdTenantID: nil)?.description)
                })
            return
        }
        print("\(items.count) companies read, \(items.filter { !$0.plan.isEmpty }.count) with something to do")
        for item in shown {
            print("\(item.entry.facts.company.name) — \(item.entry.facts.mapping)")
            print(item.plan.description)
        }
    }
}
