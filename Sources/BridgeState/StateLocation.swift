import Foundation

/// Where the state lives: a SQLite file (one host) or a PostgreSQL database (a fleet across hosts).
///
/// Written as one string, the `state` setting (`--state`, `PSA_BRIDGE_DB`): a file path for SQLite,
/// or `postgres://USER@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require][&schema=NAME]` for
/// PostgreSQL (`schema`, default `public`, lets several fleets share one database). The
/// URL never carries the password: it comes from ``StateStore/Options/password`` (the workers read
/// it from the file `PSA_BRIDGE_STATE_PASSWORD_FILE` names), so it is in no process list or log.
public enum StateLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    /// A PostgreSQL server and database.
    public struct PostgresLocation: Sendable, Equatable {
        public enum TLSMode: String, Sendable, Equatable {
            /// Plain TCP (a loopback or private network).
            case disable
            /// TLS when the server offers it.
            case prefer
            /// TLS or no connection.
            case require
        }

        public var host: String
        public var port: Int
        public var username: String
        public var database: String
        public var tls: TLSMode
        /// The schema the state's tables live in, created if missing.
        public var schema: String

        public init(
            host: String, port: Int = 5432, username: String, database: String, tls: TLSMode = .prefer,
            schema: String = "public"
        ) {
            self.host = host
            self.port = port
            self.username = username
            self.database = database
            self.tls = tls
            self.schema = schema
        }

        /// The URL, as given (no password).
        public var url: String {
            let hostPart = host.contains(":") ? "[\(host)]" : host
            var parameters: [String] = []
            if tls != .prefer { parameters.append("sslmode=\(tls.rawValue)") }
            if schema != "public" { parameters.append("schema=\(schema)") }
            return "postgres://\(username)@\(hostPart):\(port)/\(database)"
                + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
        }
    }

    /// Reads the `state` setting.
    /// - Throws: ``StateStoreError/invalidArgument(field:reason:)`` naming what is wrong with a URL.
    public init(parsing text: String) throws(StateStoreError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            throw .invalidArgument(field: "state", reason: "a file path or a postgres:// URL is required")
        }
        let lowered = trimmed.lowercased()
        guard lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") else {
            self = .sqlite(path: trimmed)
            return
        }
        self = .postgres(try Self.parsePostgres(trimmed))
    }

    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.url
        }
    }

    private static func parsePostgres(_ text: String) throws(StateStoreError) -> PostgresLocation {
        func fail(_ reason: String) -> StateStoreError { .invalidArgument(field: "state URL", reason: reason) }
        guard let components = URLComponents(string: text) else {
            throw fail("not a URL (expected postgres://USER@HOST[:PORT]/DATABASE)")
        }
        guard components.password == nil else {
            throw fail(
                "carries a password; give it in the file PSA_BRIDGE_STATE_PASSWORD_FILE names, not in the URL")
        }
        guard let user = components.user, !user.isEmpty else { throw fail("names no user (postgres://USER@HOST/DATABASE)") }
        guard let host = components.host, !host.isEmpty else { throw fail("names no host") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw fail("names no database (…/DATABASE)") }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw fail("port \(port) is out of range") }
        var tls = PostgresLocation.TLSMode.prefer
        var schema = "public"
        for item in components.queryItems ?? [] {
            switch item.name {
            case "schema":
                guard let name = item.value, Self.isPlainIdentifier(name) else {
                    throw fail("schema must be a lowercase name of letters, digits and _ (at most 63)")
                }
                schema = name
            case "sslmode":
                guard let mode = item.value.flatMap(PostgresLocation.TLSMode.init(rawValue:)) else {
                    throw fail("sslmode must be disable, prefer or require")
                }
                tls = mode
            default:
                throw fail("unknown parameter \(item.name) (sslmode and schema are read)")
            }
        }
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return PostgresLocation(
            host: bareHost, port: port, username: user.removingPercentEncoding ?? user,
            database: database.removingPercentEncoding ?? database, tls: tls, schema: schema)
    }

    /// A name PostgreSQL takes unquoted: lowercase letters, digits and `_`, not starting with a digit.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 63,
            first == "_" || ("a"..."z").contains(first)
        else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }
}
