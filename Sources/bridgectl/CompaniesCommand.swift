import ArgumentParser
import BridgeCore
import BridgeState
import BridgeValues
import BridgeWorkers

/// `bridgectl companies [--status S] [--type T] [--search TEXT] [--json]`: PSA companies with
/// their mapping status (SPEC P5), filtered, with accounts total and linked.
struct CompaniesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "companies",
        abstract: "List PSA companies with their mapping status and tenant (stored mappings only when the PSA cannot be reached).")

    @OptionGroup var fleet: FleetOptions
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "connectwise or autotask (default: the PSA of the settings in force).") var psa: PSAKind?
    @Option(help: "Only companies in this mapping status: not-mapped, ready-for-mapping, mapped, mapping-failed, company-missing, tenant-missing (repeatable).")
    var status: [CompanyMapping.Status] = []
    @Option(help: "Only companies of this PSA company type, e.g. Customer (repeatable; case-insensitive).") var type: [String] = []
    @Option(help: "Only companies whose name contains this text (case-insensitive).") var search: String?

    func run() async throws {
        let context = Context(fleet)
        let store = try context.store()
        let settings = try await SettingsRepository(store: store, catalog: try context.catalog()).current()
        guard let psa = psa ?? settings?.psa else {
            throw ValidationError("no settings applied yet: name the PSA with --psa connectwise|autotask")
        }
        let (all, warnings) = try await context.withClients { clients in
            try await CompanyMappingOperations(store: store, settings: settings, clients: clients).companies(psa: psa)
        }
        var stderr = StandardError()
        for warning in warnings { print("warning: \(warning)", to: &stderr) }
        let statuses = Set(status.map(CompanyMappingOperations.displayName))
        let types = Set(type.map { $0.lowercased() })
        let companies = all.filter { company in
            (statuses.isEmpty || statuses.contains(company.status))
                && (types.isEmpty || (company.types ?? []).contains { types.contains($0.lowercased()) })
                && (search.map { text in (company.companyName ?? "").localizedCaseInsensitiveContains(text) } ?? true)
        }
        if json {
            try printJSON(companies)
            return
        }
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? String(text.prefix(width - 1)) + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
        }
        print(pad("ID", 10) + pad("COMPANY", 32) + pad("TYPE", 14) + pad("STATUS", 19) + "TENANT")
        for company in companies {
            let tenant = company.tenantId.map { id in company.tenantName.map { "\($0) (\(id))" } ?? id } ?? ""
            let error = company.error.map { "  [\($0)]" } ?? ""
            let kind = (company.types ?? []).joined(separator: ",") + (company.active == false ? " (inactive)" : "")
            print(pad(company.companyId, 10) + pad(company.companyName ?? "", 32) + pad(kind, 14) + pad(company.status, 19) + tenant + error)
        }
        let linked = all.filter { $0.status == "Mapped" }.count
        let shown = companies.count == all.count ? "" : "; \(companies.count) shown"
        print("accounts: \(all.count) total, \(linked) linked\(shown)")
    }
}

extension CompanyMapping.Status: ExpressibleByArgument {}
