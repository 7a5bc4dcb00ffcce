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
        @Flag(help: "Do not check the ticket names against the PSA (see `settings check`).") var noPSACheck = false

        func run() async throws {
            let context = Context(fleet)
            let store = try context.store()
            let settings = try SettingsCommand.load(file, catalog: try context.catalog())
            // With tickets on, names the PSA does not have refuse the file (SPEC T1, S5); a PSA
            // that cannot be asked does not block the apply (the ticket-updater checks again).
            if !noPSACheck {
                let outcome = try await context.withClients {
                    try await SettingsCommand.checkTickets(settings, file: file, clients: $0)
                }
                if case .unreachable(let reason) = outcome {
                    var stderr = StandardError()
                    print("warning: ticket names not checked against the PSA: \(reason)", to: &stderr)
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
