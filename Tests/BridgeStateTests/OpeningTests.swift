import Foundation
import GRDB
import Synchronization
import Testing

@testable import BridgeState

@Suite("Opening, migrations and connection settings")
struct OpeningTests {
    static let tables: Set<String> = [
        "settings", "inbox", "effects", "audit_log", "company_mappings", "ticket_links", "ticket_link_history",
        "cursors", "skip_counters", "worker_heartbeats", "tick_claims", "tick_publications", "integration_status",
        "deprovisioning_clocks", "usage_reports", "console_operators", "console_sessions",
    ]

    @Test("migrates an empty file to every table, in WAL mode")
    func migratesFromEmpty() async throws {
        let (store, directory) = try makeSQLiteStore()
        defer { withExtendedLifetime(directory) {} }
        let (tables, journal, migrations) = try await store.read { db in
            (
                try Set(db.fetchAll(String.self, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")),
                try db.fetchOne(String.self, sql: "PRAGMA journal_mode"),
                try db.fetchAll(String.self, sql: "SELECT identifier FROM grdb_migrations")
            )
        }
        #expect(Self.tables.isSubset(of: tables), "missing: \(Self.tables.subtracting(tables))")
        #expect(journal == "wal")
        #expect(migrations == ["v1-initial", "v2-billing-errors", "v3-console", "v4-company-types", "v5-request-leases", "v6-deferred-messages"])
    }

    @Test("writer connection: synchronous FULL by default, NORMAL when asked; foreign keys on; busy timeout set")
    func connectionPragmas() async throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        var options = StateStore.Options()
        options.busyTimeout = 2.5
        let full = try StateStore(path: directory.path("full.sqlite"), options: options)
        options.synchronous = .normal
        let normal = try StateStore(path: directory.path("normal.sqlite"), options: options)

        func writerPragmas(_ store: StateStore) async throws -> (Int, Int, Int) {
            try await store.sqlitePool!.writeWithoutTransaction { db in
                (
                    try Int.fetchOne(db, sql: "PRAGMA synchronous")!,
                    try Int.fetchOne(db, sql: "PRAGMA foreign_keys")!,
                    try Int.fetchOne(db, sql: "PRAGMA busy_timeout")!
                )
            }
        }
        let fullPragmas = try await writerPragmas(full)
        let normalPragmas = try await writerPragmas(normal)
        #expect(fullPragmas.0 == 2)  // FULL
        #expect(normalPragmas.0 == 1)  // NORMAL
        #expect(fullPragmas.1 == 1)
        #expect(fullPragmas.2 == 2500)
    }

    @Test("every store write runs in a BEGIN IMMEDIATE transaction")
    func writesAreImmediate() async throws {
        let (store, directory) = try makeSQLiteStore()
        defer { withExtendedLifetime(directory) {} }
        let statements = Mutex<[String]>([])
        try await store.sqlitePool!.writeWithoutTransaction { db in
            db.trace(options: .statement) { event in statements.withLock { $0.append(event.description) } }
        }
        _ = try await store.claimMessage(worker: "w", messageId: "m", idempotencyKey: "k")
        _ = try await store.claimEffect(key: "e", kind: "x", target: "t")
        let begins = statements.withLock { $0.filter { $0.hasPrefix("BEGIN") } }
        #expect(begins == ["BEGIN IMMEDIATE TRANSACTION", "BEGIN IMMEDIATE TRANSACTION"])
    }

    @Test("re-opening an existing file keeps its rows and applies no migration twice")
    func reopensExistingFile() async throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let path = directory.path("state.sqlite")
        do {
            let store = try StateStore(path: path, options: testOptions())
            try await store.setCursor("alerts", to: "page-7")
            try store.close()
        }
        let reopened = try StateStore(path: path, options: testOptions())
        #expect(try await reopened.cursor("alerts")?.value == "page-7")
        let migrations = try await reopened.read { db in
            try db.fetchAll(String.self, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(migrations == ["v1-initial", "v2-billing-errors", "v3-console", "v4-company-types", "v5-request-leases", "v6-deferred-messages"])
    }

    @Test("eight stores racing to create and migrate the same new file all open it, and it is migrated once")
    func racingOpenersOfANewFile() async throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let path = directory.path("race.sqlite")
        let outcomes = onThreads(8) { index -> Result<StateStore, any Error> in
            Result { try StateStore(path: path, options: testOptions(instanceId: "racer-\(index)")) }
        }
        let stores = try outcomes.map { try $0.get() }
        #expect(stores.count == 8)
        // Every store can write and sees the others' writes.
        for (index, store) in stores.enumerated() {
            try await store.setCursor("racer-\(index)", to: "\(index)")
        }
        let cursors = try await stores[0].cursors()
        #expect(cursors.count == 8)
        let migrations = try await stores[7].read { db in
            try db.fetchAll(String.self, sql: "SELECT identifier FROM grdb_migrations")
        }
        #expect(migrations == ["v1-initial", "v2-billing-errors", "v3-console", "v4-company-types", "v5-request-leases", "v6-deferred-messages"])
    }

    @Test("a file migrated by a newer release is refused with the unknown migration named")
    func refusesNewerSchema() async throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let path = directory.path("state.sqlite")
        do {
            let store = try StateStore(path: path, options: testOptions())
            try await store.sqlitePool!.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
            }
            try store.close()
        }
        #expect(throws: StateStoreError.schemaTooNew(path: path, unknownMigrations: ["v99-from-the-future"])) {
            try StateStore(path: path, options: testOptions())
        }
    }

    @Test("a missing directory is a clear error naming it")
    func missingDirectory() throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let path = directory.path("no-such-dir/state.sqlite")
        #expect(
            throws: StateStoreError.cannotOpen(
                path: path, reason: "directory \(directory.path("no-such-dir")) does not exist")
        ) {
            try StateStore(path: path, options: testOptions())
        }
    }

    @Test("an opener waits for the setup lock and gives up after the setup timeout")
    func setupLockTimeout() throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let path = directory.path("state.sqlite")
        let held = try FileLock(path: path + ".lock", timeout: 1)
        var options = testOptions()
        options.setupTimeout = 0.2
        let started = Date()
        #expect(throws: StateStoreError.setupLockTimeout(path: path + ".lock", seconds: 0.2)) {
            try StateStore(path: path, options: options)
        }
        #expect(Date().timeIntervalSince(started) >= 0.2)
        _ = consume held
        // Once released, the same open succeeds.
        _ = try StateStore(path: path, options: options)
    }

    @Test("bad options are refused with the option named")
    func badOptions() throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        var options = testOptions()
        options.maximumReaderCount = 0
        #expect(throws: StateStoreError.invalidArgument(field: "maximumReaderCount", reason: "must be at least 1")) {
            try StateStore(path: directory.path("state.sqlite"), options: options)
        }
    }
}
