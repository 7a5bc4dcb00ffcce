import Foundation

/// Where a test keeps its state: a SQLite file, or, when the suite runs on PostgreSQL, a schema of
/// its own in the test database.
///
/// `scripts/test.sh` runs the suite twice: once on SQLite, once with `PSA_BRIDGE_TEST_POSTGRES`
/// naming a private PostgreSQL cluster's database (`postgres://USER@127.0.0.1:PORT/DB?sslmode=disable`).
/// Every test that opens a state through ``location(forPath:)`` then runs on PostgreSQL; a test
/// whose server cannot be reached fails when it opens the state, naming the URL.
public enum TestState {
    /// The environment variable naming the PostgreSQL test database; unset runs the suite on SQLite.
    public static let postgresVariable = "PSA_BRIDGE_TEST_POSTGRES"

    /// The PostgreSQL test database's URL, when the suite runs on PostgreSQL.
    public static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment[postgresVariable], !url.isEmpty else { return nil }
        return url
    }

    /// Whether the suite runs on PostgreSQL.
    public static var isPostgres: Bool { postgresURL != nil }

    /// The state location for the SQLite file `path`: the path itself on SQLite; on PostgreSQL a
    /// schema named after the path, so every store a test opens on the same path shares one state
    /// and tests never share one.
    public static func location(forPath path: String) -> String {
        guard let base = postgresURL else { return path }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let schema = "t_" + String(hash, radix: 16)
        return base + (base.contains("?") ? "&" : "?") + "schema=" + schema
    }
}
