import ArgumentParser
import BridgeCore
import BridgeValues
import BridgeWorkers

/// `bridgectl map company PSA_ID --tenant TENANT_ID` / `--new` / `--remove` (SPEC P5).
struct MapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map", abstract: "Map PSA companies to cloud tenants (by ids).",
        subcommands: [Company.self])

    struct Company: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Map a PSA company to an existing cloud tenant or to a new one, or remove its mapping (which changes no quota).",
            discussion: """
                Mappings are stored by ids; the company's and tenant's names are fetched for display when the \
                APIs can be reached (a company or tenant the APIs say does not exist is refused). Alerts of a \
                mapped tenant become tickets for the company (SPEC T1); a tenant maps to one company at most. \
                With --new the company is queued (Ready for mapping) and the provisioner creates its tenant, \
                admin user and quotas at once (SPEC P4, P5); `bridgectl companies` shows Mapped or Mapping failed.
                """)

        @OptionGroup var fleet: FleetOptions
        @Argument(help: "The PSA company id (ConnectWise company id, Autotask company id).") var companyId: String
        @Option(help: "The cloud tenant (UUID) to map the company to.") var tenant: String?
        @Flag(help: "Map the company to a new tenant, created by the provisioner.") var new = false
        @Flag(help: "Remove the company's mapping.") var remove = false
        @Option(help: "connectwise or autotask (default: the PSA of the settings in force).") var psa: PSAKind?

        func validate() throws {
            guard [remove, new, tenant != nil].filter({ $0 }).count == 1 else {
                throw ValidationError("give one of --tenant TENANT_ID, --new or --remove")
            }
        }

        func run() async throws {
            let context = Context(fleet)
            let store = try context.store()
            let settings = try await SettingsRepository(store: store, catalog: try context.catalog()).current()
            guard let psa = psa ?? settings?.psa else {
                throw ValidationError("no settings applied yet: name the PSA with --psa connectwise|autotask")
            }
            var stderr = StandardError()
            do {
                try await context.withClients { clients in
                    let operations = CompanyMappingOperations(store: store, settings: settings, clients: clients)
                    if new {
                        let (_, message) = try await operations.requestNewTenant(psa: psa, companyId: companyId)
                        let bus = try await context.broker()
                        do {
                            try await bus.publish([OutboundMessage(message)])
                        } catch {
                            await bus.close()
                            throw error
                        }
                        await bus.close()
                        print("\(psa.displayName) company \(companyId): ready for mapping to a new tenant; the provisioner creates it now")
                        return
                    }
                    if remove {
                        _ = try await operations.unmap(psa: psa, companyId: companyId)
                        print("\(psa.displayName) company \(companyId): mapping removed (no quota changed)")
                        return
                    }
                    let result = try await operations.map(psa: psa, companyId: companyId, tenantId: tenant ?? "")
                    for warning in result.warnings { print("warning: \(warning)", to: &stderr) }
                    let mapping = result.mapping
                    let company = mapping.companyName.map { " (\($0))" } ?? ""
                    let tenantName = mapping.tenantName.map { " (\($0))" } ?? ""
                    print("\(psa.displayName) company \(companyId)\(company) mapped to tenant \(mapping.tenantId ?? "")\(tenantName)")
                }
            } catch let refusal as CompanyMappingOperations.Refusal {
                print("refused: \(refusal)", to: &stderr)
                throw ExitCode(2)
            }
        }
    }
}

extension PSAKind: ExpressibleByArgument {}
