import ArgumentParser
import BridgeCore
import BridgeWorkers
import Foundation

struct SettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Apply or show the integration settings.",
        subcommands: [Apply.self, Show.self])

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate a settings YAML file against schemas/settings.schema.json and apply it. An invalid file is refused whole.")

        @OptionGroup var fleet: FleetOptions
        @Argument(help: "The settings file (YAML).") var file: String

        func run() async throws {
            let context = Context(fleet)
            let repository = SettingsRepository(store: try context.store(), catalog: try context.catalog())
            do {
                let (_, result) = try await repository.apply(fileAt: URL(fileURLWithPath: file), appliedBy: "bridgectl")
                print(result.changed ? "settings applied: version \(result.current.version)" : "settings unchanged: version \(result.current.version)")
            } catch let error as SettingsError {
                var stderr = StandardError()
                print("settings refused: \(file)", to: &stderr)
                for problem in error.problems { print("  \(problem)", to: &stderr) }
                if error.problems.isEmpty { print("  \(error)", to: &stderr) }
                throw ExitCode(2)
            }
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
