import ArgumentParser
import BridgeCore
import BridgeWorkers
import Foundation

/// `bridgectl settings check FILE`: validates a settings file against the schema and, when ticket
/// creation is on, its board/queue, statuses, priorities, types and picklist values against the
/// PSA, without applying it. Exit 0 when everything resolved, 2 when the file is refused, 3 when
/// the PSA could not be asked.
struct SettingsCheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a settings file against the schema and, with tickets on, its ticket names against the PSA, without applying it.")

    @OptionGroup var fleet: FleetOptions
    @Argument(help: "The settings file (YAML).") var file: String

    func run() async throws {
        let context = Context(fleet)
        let settings = try SettingsCommand.load(file, catalog: try context.catalog())
        let (outcome, products) = try await context.withClients { clients in
            (
                try await SettingsCommand.checkTickets(settings, file: file, clients: clients),
                try await SettingsCommand.checkProducts(settings, file: file, clients: clients)
            )
        }
        switch products {
        case .none: break
        case .resolved(let count): print("product mappings resolved: \(count) offering items against \(settings.psa.displayName) and the cloud")
        case .unreachable(let reason):
            var stderr = StandardError()
            print("settings valid against the schema, but the product mappings could not be checked: \(reason)", to: &stderr)
            throw ExitCode(3)
        }
        switch outcome {
        case .ticketsOff:
            print("settings valid: \(file) (ticket creation is off: no PSA names to check)")
        case .resolved(let resolved):
            print("settings valid: \(file); ticket names resolved on \(settings.psa.displayName) (board/queue #\(resolved.boardOrQueueID))")
        case .unreachable(let reason):
            var stderr = StandardError()
            print("settings valid against the schema, but the ticket names could not be checked: \(reason)", to: &stderr)
            throw ExitCode(3)
        }
    }
}

extension SettingsCommand {
    /// What checking the product mappings found.
    enum ProductCheck {
        /// Provisioning and billing are off, or nothing is mapped.
        case none
        /// Every mapping resolved; how many offering items are planned.
        case resolved(Int)
        /// The PSA or the cloud could not be asked; why.
        case unreachable(String)
    }

    /// Resolves every product mapping against the PSA's products and the cloud's offering items
    /// (SPEC P2, P3); what does not resolve is reported, each with its settings path, and exits 2.
    static func checkProducts(_ settings: BridgeSettings, file: String, clients: APIClientPool) async throws -> ProductCheck {
        guard settings.features.provisioning || settings.features.billing, !settings.productMappings.isEmpty else { return .none }
        do {
            return .resolved(try await ProvisioningProvider.check(settings, clients: clients).planner.mappings.count)
        } catch let error as ProvisioningSettingsError {
            var stderr = StandardError()
            print("settings refused: \(file): the product mappings do not resolve", to: &stderr)
            for problem in error.problems { print("  \(problem.path): \(problem.message)", to: &stderr) }
            throw ExitCode(2)
        } catch let error as SecretSetupError {
            return .unreachable(error.description)
        } catch {
            return .unreachable("\(error)")
        }
    }

    /// Loads and validates a settings file; an invalid one is reported (every problem, with its
    /// path and line) and exits 2.
    static func load(_ file: String, catalog: SchemaCatalog) throws -> BridgeSettings {
        do {
            return try SettingsLoader(catalog: catalog).load(contentsOf: URL(fileURLWithPath: file))
        } catch {
            var stderr = StandardError()
            print("settings refused: \(file)", to: &stderr)
            for problem in error.problems { print("  \(problem)", to: &stderr) }
            if error.problems.isEmpty { print("  \(error)", to: &stderr) }
            throw ExitCode(2)
        }
    }

    /// Resolves the ticket names against the PSA; names it does not have are reported (each with
    /// its settings path) and exit 2.
    static func checkTickets(_ settings: BridgeSettings, file: String, clients: APIClientPool) async throws
        -> TicketSettingsCheck.Outcome
    {
        do {
            return try await TicketSettingsCheck.run(settings, clients: clients)
        } catch let error as TicketSettingsError {
            var stderr = StandardError()
            print("settings refused: \(file): the ticket settings name what \(error.psa.displayName) does not have", to: &stderr)
            for problem in error.problems { print("  \(problem)", to: &stderr) }
            throw ExitCode(2)
        }
    }
}
