import BridgeTestSupport
import Foundation
import Testing

@testable import BridgeState

/// What is particular to the PostgreSQL backend: its URL, its statements, its schema against
/// SQLite's. The behaviour of the store itself is the rest of the suite, run on each backend.
@Suite("PostgreSQL backend")
struct PostgresBackendTests {
    @Test("the state setting: a path is SQLite; a postgres:// URL is read with its port, TLS mode and schema")
    func locations() throws {
        #expect(try StateLocation(parsing: "/var/lib/psa-bridge/state.sqlite") == .sqlite(path: "/var/lib/psa-bridge/state.sqlite"))
        let url = try StateLocation(parsing: "postgres://bridge@db.internal:6432/fleet?sslmode=require&schema=prod")
        #expect(
            url == .postgres(.init(host: "db.internal", port: 6432, username: "bridge", database: "fleet", tls: .require, schema: "prod")))
        #expect(url.description == "postgres://bridge@db.internal:6432/fleet?sslmode=require&schema=prod")
        let defaults = try StateLocation(parsing: "postgresql://bridge@10.0.0.5/fleet")
        #expect(defaults == .postgres(.init(host: "10.0.0.5", port: 5432, username: "bridge", database: "fleet")))
    }

    @Test("a bad state URL is refused naming what is wrong; a password in it is refused without being repeated")
    func badLocations() throws {
        let cases: [(String, String)] = [
            ("postgres://bridge:hunter2@db/fleet", "PSA_BRIDGE_STATE_PASSWORD_FILE"),
            ("postgres://db/fleet", "names no user"),
            ("postgres://bridge@db/", "names no database"),
            ("postgres://bridge@db/fleet?sslmode=maybe", "sslmode must be"),
            ("postgres://bridge@db/fleet?schema=Prod-1", "schema must be"),
            ("postgres://bridge@db/fleet?pool=9", "unknown parameter pool"),
            ("  ", "a file path or a postgres:// URL is required"),
        ]
        for (text, expected) in cases {
            do {
                _ = try StateLocation(parsing: text)
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.description.contains(expected), "\(text): \(error)")
                #expect(!error.description.contains("hunter2"))
            }
        }
    }

    @Test("placeholders: ? in order, ?N by number, each argument sent once, quoted text left alone, IS NULL typed")
    func placeholders() {
        #expect(
            PostgresSQL.translate("SELECT * FROM t WHERE a = ? AND b = '?' AND c = ?")
                == .init(sql: "SELECT * FROM t WHERE a = $1 AND b = '?' AND c = $2", argumentOrder: [0, 1]))
        #expect(
            PostgresSQL.translate("WHERE p = ?1 AND (?3 IS NULL OR s = ?3) LIMIT ?4")
                == .init(sql: "WHERE p = $1 AND (CAST($2 AS TEXT) IS NULL OR s = $2) LIMIT $3", argumentOrder: [0, 2, 3]))
        #expect(
            PostgresSQL.translate("SELECT \"odd?name\" FROM t WHERE x = ?")
                == .init(sql: "SELECT \"odd?name\" FROM t WHERE x = $1", argumentOrder: [0]))
    }

    @Test("both backends know the same migrations, in the same order")
    func sameMigrations() {
        #expect(PostgresSchema.migrations.map(\.identifier) == StateStore.migrator.migrations)
    }

    @Test(
        "on PostgreSQL, the schema has the same tables and columns as on SQLite",
        .enabled(if: TestState.isPostgres, "compares against a live PostgreSQL schema: runs in the suite's PostgreSQL pass"))
    func sameTablesAndColumns() async throws {
        let (sqlite, directory) = try makeSQLiteStore()
        defer { withExtendedLifetime(directory) {} }
        let sqliteColumns = try await sqlite.read { db in
            try Self.columns(db)
        }
        #expect(sqliteColumns["inbox"]?.contains("idempotency_key") == true)
        let (postgres, other) = try makeStore()
        defer { withExtendedLifetime(other) {} }
        #expect(postgres.dialect == .postgres)
        let postgresColumns = try await postgres.read { db in try Self.columns(db) }
        #expect(postgresColumns.filter { $0.key != "schema_migrations" } == sqliteColumns.filter { !["sqlite_sequence", "grdb_migrations"].contains($0.key) })
    }

    /// Every table of the schema and its column names.
    static func columns(_ db: StateTransaction) throws -> [String: Set<String>] {
        var columns: [String: Set<String>] = [:]
        for table in try db.fetchAll(String.self, sql: StateStore.tableNamesSQL(db.dialect)) {
            let names: [String]
            switch db.dialect {
            case .sqlite:
                names = try db.fetchAll(String.self, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
            case .postgres:
                names = try db.fetchAll(
                    String.self,
                    sql: """
                        SELECT column_name FROM information_schema.columns
                        WHERE table_schema = current_schema() AND table_name = ?
                        """,
                    arguments: [table])
            }
            columns[table] = Set(names)
        }
        return columns
    }

    @Test("a writer waiting longer than the busy timeout for a row another holds fails naming the lock, and the holder's write commits (either backend)")
    func writerWaitsForTheLockThenFails() async throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let location = TestState.location(forPath: directory.path("state.sqlite"))
        var options = testOptions(instanceId: "holder")
        options.busyTimeout = 0.3
        let holder = try StateStore(location: location, options: options)
        options.instanceId = "waiter"
        let waiter = try StateStore(location: location, options: options)
        _ = try await waiter.cursors()  // opened and migrated before the race

        let holding = Task {
            try await holder.write { db in
                try db.execute(sql: "INSERT INTO cursors (name, value, updated_at) VALUES ('held', 'yes', '2026-12-06 00:00:00.000')")
                Thread.sleep(forTimeInterval: 1.5)
            }
        }
        try await Task.sleep(for: .milliseconds(400))
        let error = await #expect(throws: (any Error).self) {
            try await waiter.setCursor("held", to: "no")
        }
        let text = "\(error.map { "\($0)" } ?? "")".lowercased()
        #expect(text.contains("lock"), "the error names the lock: \(text)")
        try await holding.value
        #expect(try await waiter.cursor("held")?.value == "yes")
    }

    @Test("writers racing on one row: each read-then-write counts once, none lost (either backend; conflicts run again on PostgreSQL)")
    func racingWritersOnOneRow() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        let others = try (0..<3).map { index in
            try StateStore(location: store.location, options: testOptions(instanceId: "racer-\(index)"))
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, racer) in ([store] + others).enumerated() {
                group.addTask {
                    for round in 0..<25 {
                        try await racer.write { db in
                            let count = try db.fetchOne(Int.self, sql: "SELECT count FROM skip_counters WHERE reason = 'race' AND alert_type = 'x'") ?? 0
                            try db.execute(
                                sql: """
                                    INSERT INTO skip_counters (reason, alert_type, count, first_at, last_at)
                                    VALUES ('race', 'x', ?, '2026-12-06 00:00:00.000', ?)
                                    ON CONFLICT (reason, alert_type) DO UPDATE SET count = excluded.count, last_at = excluded.last_at
                                    """,
                                arguments: [count + 1, "2026-12-06 00:00:\(String(format: "%02d", round % 60)).\(index)00"])
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let total = try await store.read { db in
            try db.fetchOne(Int.self, sql: "SELECT count FROM skip_counters WHERE reason = 'race' AND alert_type = 'x'")
        }
        #expect(total == 100, "every read-then-write counted once (\(String(describing: total)))")
    }
}
