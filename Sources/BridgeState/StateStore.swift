import Foundation
import GRDB

/// The state shared by every worker process of a fleet: settings, inbox, effects, audit log,
/// company mappings, ticket links, cursors, counters, heartbeats, tick slots and status.
///
/// Two backends behind this one interface (nothing above it knows which runs):
/// - **SQLite** (one host, the default): one file per deployment, in WAL mode, opened by every
///   process through its own `StateStore`. Each write is one short `BEGIN IMMEDIATE` transaction
///   (GRDB opens all write transactions that way), so writers from several processes queue on the
///   busy timeout instead of failing with `SQLITE_BUSY`, and reads run concurrently from the
///   pool's reader connections.
/// - **PostgreSQL** (a fleet across hosts): one database; every write transaction is
///   `SERIALIZABLE` and run again when the server aborts it for a conflict, so writes behave as
///   if one at a time, as on SQLite, while writes to different rows run at once; reads see one
///   snapshot (``PostgresBackend``).
///
/// The concern files write their statements once, against ``StateTransaction``, in the SQL both
/// backends speak; the few that differ ask ``StateTransaction/dialect``.
///
/// The store knows no message types: it keeps ids, keys, strings and JSON documents (`Data`).
/// It has no column for secrets; settings documents carry secret *references* only.
///
/// ## Topics
/// - Opening: ``init(location:options:)``, ``init(path:options:)``, ``Options``
/// - Settings: `applySettings`, `currentSettings`, `settingsHistory`
/// - Inbox: `claimMessage`, `completeMessage`, `failMessage`, `pruneInbox`
/// - Effects: `claimEffect`, `recordEffectProgress`, `completeEffect`, `failEffect`
/// - Audit: `appendAudit`, `auditEntries`
/// - Mappings, ticket links, cursors, skip counters, heartbeats, tick slots, integration status,
///   deprovisioning clocks and usage reports: one `StateStore+Concern.swift` file each.
public final class StateStore: Sendable {
    /// Where the state lives: the SQLite file's path or the PostgreSQL URL (never a password).
    public let location: StateLocation
    /// The options the store was opened with.
    public let options: Options
    let backend: Backend

    enum Backend: Sendable {
        /// The GRDB pool: one writer connection and up to `options.maximumReaderCount` readers.
        case sqlite(DatabasePool)
        case postgres(PostgresBackend)
    }

    /// Which backend runs, for what differs in operation (SQLite checkpoints, file sizes).
    public var dialect: StateDialect {
        switch backend {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// The GRDB pool of a SQLite store (SQLite-only maintenance and tests); `nil` on PostgreSQL.
    var sqlitePool: DatabasePool? {
        if case .sqlite(let pool) = backend { pool } else { nil }
    }

    /// Opens the state the `state` setting names: a SQLite file path or a `postgres://` URL
    /// (``StateLocation``), creating and migrating it if needed.
    public convenience init(location: String, options: Options = Options()) throws {
        try self.init(location: try StateLocation(parsing: location), options: options)
    }

    /// Opens the state at `location`, creating and migrating it if needed.
    public init(location: StateLocation, options: Options = Options()) throws {
        try options.validate()
        switch location {
        case .sqlite(let path):
            backend = .sqlite(try Self.openSQLite(path: path, options: options))
        case .postgres(let postgres):
            backend = .postgres(try PostgresBackend(location: postgres, options: options))
        }
        self.location = location
        self.options = options
    }

    /// Opens (creating and migrating if needed) the SQLite state database at `path`.
    public convenience init(path: String, options: Options = Options()) throws {
        try self.init(location: .sqlite(path: path), options: options)
    }

    /// Opens (creating and migrating if needed) the SQLite state database at `path`.
    ///
    /// Several processes may open the same new file at once: pool creation (which switches the
    /// file to WAL) and migrations run under an exclusive `flock` on `<path>.lock`, so exactly one
    /// opener migrates and the others find the schema done. The lock is released before this
    /// returns; it never covers normal reads and writes.
    ///
    /// - Throws: ``StateStoreError/cannotOpen(path:reason:)`` when the directory is missing or the
    ///   file cannot be opened, ``StateStoreError/setupLockTimeout(path:seconds:)``,
    ///   ``StateStoreError/schemaTooNew(path:unknownMigrations:)``, or a GRDB `DatabaseError`.
    private static func openSQLite(path: String, options: Options) throws -> DatabasePool {
        guard !path.isEmpty, path != ":memory:" else {
            throw StateStoreError.invalidArgument(field: "path", reason: "a database file path is required")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StateStoreError.cannotOpen(path: path, reason: "directory \(directory) does not exist")
        }

        var configuration = Configuration()
        configuration.label = "BridgeState"
        configuration.busyMode = .timeout(options.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.maximumReaderCount = options.maximumReaderCount

        let lock = try FileLock(path: path + ".lock", timeout: options.setupTimeout)
        let pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB sets `synchronous = NORMAL` on the writer connection when it enables WAL, after
        // `prepareDatabase` ran, so the chosen level is applied here, once, on the one writer.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = \(options.synchronous.rawValue)")
            // The log is cut back to this size once checkpointed, so a burst does not keep it large.
            try db.execute(sql: "PRAGMA journal_size_limit = \(Self.walSizeLimit)")
        }
        try Self.migrator.migrate(pool)
        let unknown = try pool.read { db in
            try Self.migrator.appliedIdentifiers(db).subtracting(Self.migrator.migrations)
        }
        _ = consume lock
        guard unknown.isEmpty else {
            throw StateStoreError.schemaTooNew(path: path, unknownMigrations: unknown.sorted())
        }
        return pool
    }

    /// Closes every connection. Later calls fail.
    public func close() throws {
        switch backend {
        case .sqlite(let pool): try pool.close()
        case .postgres(let postgres): try postgres.close()
        }
    }

    // MARK: - Helpers shared by the concern files

    /// The current time from the configured clock.
    var now: Date { options.clock() }

    /// One write transaction (excluding every other writer), which task cancellation does not abandon.
    ///
    /// GRDB fails a write of a cancelled task with `CancellationError` before running it. Most
    /// writes here record something that already happened outside (a PSA call made, a message
    /// handled), and dropping that record on shutdown would repeat the work later; so the write
    /// runs in an unstructured task, which does not inherit the caller's cancellation. A write
    /// is short (at most the busy timeout plus one transaction), so shutdown waits little.
    func write<T: Sendable>(_ updates: @escaping @Sendable (StateTransaction) throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let pool):
            return try await Task { try await pool.write { db in try updates(StateTransaction(SQLiteStatementRunner(db: db))) } }
                .value
        case .postgres(let postgres):
            return try await Task { try await postgres.transaction(.serializable, updates) }.value
        }
    }

    /// A write transaction on rows that every process updates all the time (the fleet's request
    /// limits), queued behind the lock `lock` instead of competing as serializable transactions
    /// that would mostly abort each other. Every write that reads and then writes those rows takes
    /// the same lock; `nil` for a single statement that needs only its own row locks. SQLite has
    /// one writer at a time anyway: the same as ``write(_:)`` there.
    func write<T: Sendable>(
        queuedOn lock: String?, _ updates: @escaping @Sendable (StateTransaction) throws -> T
    ) async throws -> T {
        switch backend {
        case .sqlite:
            return try await write(updates)
        case .postgres(let postgres):
            let key = lock.map(postgres.writeLockKey)
            return try await Task { try await postgres.transaction(.locked(key), updates) }.value
        }
    }

    /// One read of a consistent snapshot.
    func read<T: Sendable>(_ value: @escaping @Sendable (StateTransaction) throws -> T) async throws -> T {
        switch backend {
        case .sqlite(let pool):
            try await pool.read { db in try value(StateTransaction(SQLiteStatementRunner(db: db))) }
        case .postgres(let postgres):
            try await postgres.transaction(.snapshot, value)
        }
    }
}
