import ArgumentParser
import BridgeCore
import BridgeWorkers
import Foundation

struct SettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Apply or show the integration settings.",
        subcommands: [Apply.self, Show.self, SettingsCheckCommand.self])

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a settings YAML file against schemas/settings.schema.json and apply it. An invalid file is refused whole.")

        @OptionGroup var fleet: FleetOptions
        @Argument(help: "The settings file (YAML).") var file: String
        @Flag(help: "Do not check the ticket names and product mappings against the PSA and the cloud (see `settings check`).") var noPSACheck = false

        func run() async throws {
            let context = Context(fleet)
            let store = try context.store()
            let settings = try SettingsCommand.load(file, catalog: try context.catalog())
            // With tickets on, names the PSA does not have refuse the file (SPEC T1, S5), and so do
            // product mappings the PSA or the cloud does not have (P2, P3); an API that cannot be
            // asked does not block the apply (the workers check again, and pause until it resolves).
            if !noPSACheck {
                let (outcome, products) = try await context.withClients { clients in
                    (
                        try await SettingsCommand.checkTickets(settings, file: file, clients: clients),
                        try await SettingsCommand.checkProducts(settings, file: file, clients: clients)
                    )
                }
                var stderr = StandardError()
                if case .unreachable(let reason) = outcome {
                    print("warning: ticket names not checked against the PSA: \(reason)", to: &stderr)
                }
                if case .unreachable(let reason) = products {
                    print("warning: product mappings not checked against the PSA and the cloud: \(reason)", to: &stderr)
                }
            }
            let result = try await store.applySettings(settings.jsonValue.serialized(), appliedBy: "bridgectl")
            print(result.changed ? "settings applied: version \(result.current.version)" : "settings unchanged: version \(result.current.version)")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the settings in force, secrets redacted.")

        @OptionGroup var fleet: FleetOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let context = Context(fleet)
            let repository = SettingsRepository(store: try context.store(), catalog: try context.catalog())
            guard let settings = try await repository.current() else {
                print("no settings applied yet: bridgectl settings apply FILE.yaml")
                throw ExitCode(1)
            }
            // The stored document holds secret references only ({env: NAME} / {file: PATH}).
            print(json ? String(decoding: settings.jsonValue.serialized(pretty: true), as: UTF8.self) : settings.redacted())
        }
    }
}

/// Standard error as a TextOutputStream.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) { FileHandle.standardError.write(Data(string.utf8)) }
}
