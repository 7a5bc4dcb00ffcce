import ArgumentParser
import BridgeConsole
import BridgeValues
import BridgeWorkers
import Foundation

/// `bridgectl console`: the admin console's operator accounts.
struct ConsoleCommandGroup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console", abstract: "Admin console operator accounts.",
        subcommands: [AddUser.self, Users.self])

    struct AddUser: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-user",
            abstract: "Add a console operator. The password is read from standard input (first line) or --password-file, never from an argument.")

        @OptionGroup var fleet: FleetOptions
        @Argument(help: "Operator name: 1 to 64 letters, digits, '.', '_', '-' or '@'.") var name: String
        @Option(help: "File whose first line is the password (instead of standard input).") var passwordFile: String?
        @Flag(help: "Set a new password for an existing operator (ends their sessions).") var replace = false

        func run() async throws {
            let password: String
            if let passwordFile {
                guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                    throw ValidationError("cannot read the password file \(passwordFile)")
                }
                password = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
            } else {
                if isatty(STDIN_FILENO) != 0 { FileHandle.standardError.write(Data("password for \(name): ".utf8)) }
                password = readLine(strippingNewline: true) ?? ""
            }
            let store = try Context(fleet).store()
            do {
                try await ConsoleAccounts(store: store).add(name: name, password: password, replace: replace)
            } catch let refusal as ConsoleAccounts.Refusal {
                var stderr = StandardError()
                print("refused: \(refusal)", to: &stderr)
                throw ExitCode(2)
            }
            print(replace ? "console operator \(name): password set" : "console operator \(name) added")
        }
    }

    struct Users: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "users", abstract: "List console operators and their failed logins.")
        @OptionGroup var fleet: FleetOptions

        func run() async throws {
            let store = try Context(fleet).store()
            for account in try await store.consoleOperators() {
                let last = account.lastLoginAt.map { "last login \(Timestamp.format($0, fractionalSeconds: false))" } ?? "never logged in"
                print("\(account.name)\t\(last)\tfailed logins: \(account.failedLogins) in a row, \(account.failedLoginsTotal) in all")
            }
        }
    }
}
