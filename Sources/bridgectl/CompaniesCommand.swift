import ArgumentParser
import BridgeCore
import BridgeValues
import BridgeWorkers

/// `bridgectl companies [--json]`: PSA companies with their mapping status (SPEC P5).
struct CompaniesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "companies",
        abstract: "List PSA companies with their mapping status and tenant (stored mappings only when the PSA cannot be reached).")

    @OptionGroup var fleet: FleetOptions
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "connectwise or autotask (default: the PSA of the settings in force).") var psa: PSAKind?

    func run() async throws {
        let context = Context(fleet)
        let store = try context.store()
        let settings = try await SettingsRepository(store: store, catalog: try context.catalog()).current()
        guard let psa = psa ?? settings?.psa else {
            throw ValidationError("no settings applied yet: name the PSA with --psa connectwise|autotask")
        }
        let (companies, warnings) = try await context.withClients { clients in
            try await CompanyMappingOperations(store: store, settings: settings, clients: clients).companies(psa: psa)
        }
        var stderr = StandardError()
        for warning in warnings { print("warning: \(warning)", to: &stderr) }
        if json {
            try printJSON(companies)
            return
        }
        func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? String(text.prefix(width - 1)) + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
        }
        print(pad("ID", 10) + pad("COMPANY", 32) + pad("STATUS", 19) + "TENANT")
        for company in companies {
            let tenant = company.tenantId.map { id in company.tenantName.map { "\($0) (\(id))" } ?? id } ?? ""
            let error = company.error.map { "  [\($0)]" } ?? ""
            print(pad(company.companyId, 10) + pad(company.companyName ?? "", 32) + pad(company.status, 19) + tenant + error)
        }
        let mapped = companies.filter { $0.status == "Mapped" }.count
        print("\(companies.count) companies, \(mapped) mapped")
    }
}
