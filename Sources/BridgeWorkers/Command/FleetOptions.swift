import ArgumentParser
import BridgeCore
import BridgeState
import BridgeValues
import Foundation

/// Options every fleet executable shares. Each has an environment variable, which is how the
/// systemd units and the local runner configure the fleet; an option given on the command line
/// wins over the environment.
public struct FleetOptions: ParsableArguments, Sendable {
    @Option(help: "AMQP URL of the broker (env PSA_BRIDGE_AMQP_URL). Holds a password: prefer the environment or --amqp-url-file.")
    public var amqpURL: String?

    @Option(help: "File whose first line is the AMQP URL (env PSA_BRIDGE_AMQP_URL_FILE).")
    public var amqpURLFile: String?

    @Option(
        help: """
            The state shared by the workers: a SQLite file path (one host) or \
            postgres://USER@HOST[:PORT]/DATABASE[?sslmode=…&schema=…] (a fleet across hosts) (env PSA_BRIDGE_DB).
            """)
    public var db: String?

    @Option(help: "File whose first line is the PostgreSQL state user's password (env PSA_BRIDGE_STATE_PASSWORD_FILE).")
    public var statePasswordFile: String?

    @Option(help: "Directory of the JSON Schemas (env PSA_BRIDGE_SCHEMAS; found next to the executable otherwise).")
    public var schemas: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (env PSA_BRIDGE_LOG_LEVEL).")
    public var logLevel: String?

    public init() {}

    /// The environment the options fall back to.
    public var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The AMQP URL from the options or the environment.
    public func resolvedAMQPURL() throws -> String {
        if let amqpURL { return amqpURL }
        let file = amqpURLFile ?? environment["PSA_BRIDGE_AMQP_URL_FILE"]
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8),
                let line = text.split(whereSeparator: \.isNewline).first, !line.isEmpty
            else { throw ValidationError("cannot read an AMQP URL from \(file)") }
            return String(line).trimmingCharacters(in: .whitespaces)
        }
        if let url = environment["PSA_BRIDGE_AMQP_URL"] { return url }
        throw ValidationError("no broker given: set PSA_BRIDGE_AMQP_URL or pass --amqp-url")
    }

    /// The state's location (file path or URL) from the options or the environment.
    public func resolvedDatabasePath() throws -> String {
        if let db { return db }
        if let db = environment["PSA_BRIDGE_DB"] { return db }
        throw ValidationError("no state database given: set PSA_BRIDGE_DB or pass --db")
    }

    /// The state's password, read from the file `--state-password-file` or
    /// `PSA_BRIDGE_STATE_PASSWORD_FILE` names; `nil` when neither is given.
    public func resolvedStatePassword() throws -> Secret? {
        guard let file = statePasswordFile ?? environment["PSA_BRIDGE_STATE_PASSWORD_FILE"] else { return nil }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8),
            let line = text.split(whereSeparator: \.isNewline).first, !line.isEmpty
        else { throw ValidationError("cannot read the state password from \(file)") }
        return Secret(String(line))
    }

    /// Opens the state the options name (a SQLite file or a PostgreSQL database), with its password.
    public func openState(options: StateStore.Options = StateStore.Options()) throws -> StateStore {
        var options = options
        options.password = try resolvedStatePassword()
        return try StateStore(location: try resolvedDatabasePath(), options: options)
    }

    /// The schema directory, if one was given.
    public var resolvedSchemasDirectory: String? { schemas ?? environment["PSA_BRIDGE_SCHEMAS"] }

    /// The JSON Schemas: from the given directory, else found next to the executable.
    public func schemaCatalog() throws -> SchemaCatalog {
        if let directory = resolvedSchemasDirectory {
            return try SchemaCatalog(directory: URL(fileURLWithPath: directory))
        }
        return try SchemaCatalog.loadDefault()
    }

    /// The log level from the options or the environment (info by default).
    public var resolvedLogLevel: String { logLevel ?? environment["PSA_BRIDGE_LOG_LEVEL"] ?? "info" }
}
