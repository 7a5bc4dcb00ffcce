import Foundation
import GRDB

/// The SQLite state shared by every worker process of one host: settings, inbox, effects, audit
/// log, company mappings, ticket links, cursors, counters, heartbeats, tick slots and status.
///
/// One file per deployment, in WAL mode, opened by every process through its own `StateStore`.
/// Each write is one short `BEGIN IMMEDIATE` transaction (GRDB opens all write transactions that
/// way), so writers from several processes queue on the busy timeout instead of failing with
/// `SQLITE_BUSY`, and reads run concurrently from the pool's reader connections.
///
/// The store knows no message types: it keeps ids, keys, strings and JSON documents (`Data`).
/// It has no column for secrets; settings documents carry secret *references* only.
///
/// ## Topics
/// - Opening: ``init(path:options:)``, ``Options``
/// - Settings: `applySettings`, `currentSettings`, `settingsHistory`
/// - Inbox: `claimMessage`, `completeMessage`, `failMessage`, `pruneInbox`
/// - Effects: `claimEffect`, `recordEffectProgress`, `completeEffect`, `failEffect`
/// - Audit: `appendAudit`, `auditEntries`
/// - Mappings, ticket links, cursors, skip counters, heartbeats, tick slots, integration status,
///   deprovisioning clocks and usage reports: one `StateStore+Concern.swift` file each.
public final class StateStore: Sendable {
    /// The database file.
    public let path: String
    /// The options the store was opened with.
    public let options: Options
    /// The GRDB pool: one writer connection and up to `options.maximumReaderCount` readers.
    let pool: DatabasePool

    /// Opens (creating and migrating if needed) the state database at `path`.
    ///
    /// Several processes may open the same new file at once: pool creation (which switches the
    /// file to WAL) and migrations run under an exclusive `flock` on `<path>.lock`, so exactly one
    /// opener migrates and the others find the schema done. The lock is released before this
    /// initialiser returns; it never covers normal reads and writes.
    ///
    /// - Throws: ``StateStoreError/cannotOpen(path:reason:)`` when the directory is missing or the
    ///   file cannot be opened, ``StateStoreError/setupLockTimeout(path:seconds:)``,
    ///   ``StateStoreError/schemaTooNew(path:unknownMigrations:)``, or a GRDB `DatabaseError`.
    public init(path: String, options: Options = Options()) throws {
        guard !path.isEmpty, path != ":memory:" else {
            throw StateStoreError.invalidArgument(field: "path", reason: "a database file path is required")
        }
        try options.validate()
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
        self.path = path
        self.options = options
        self.pool = pool
    }

    /// Closes every connection. Later calls fail with a GRDB error.
    public func close() throws {
        try pool.close()
    }

    // MARK: - Helpers shared by the concern files

    /// The current time from the configured clock.
    var now: Date { options.clock() }

    /// One IMMEDIATE write transaction, which task cancellation does not abandon.
    ///
    /// GRDB fails a write of a cancelled task with `CancellationError` before running it. Most
    /// writes here record something that already happened outside (a PSA call made, a message
    /// handled), and dropping that record on shutdown would repeat the work later; so the write
    /// runs in an unstructured task, which does not inherit the caller's cancellation. A write
    /// is short (at most the busy timeout plus one transaction), so shutdown waits little.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let pool = self.pool
        return try await Task { try await pool.write(updates) }.value
    }

    /// One read from a pool reader (a consistent snapshot).
    func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.read(value)
    }
}
