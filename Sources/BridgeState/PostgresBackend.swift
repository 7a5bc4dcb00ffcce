import BridgeValues
import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// The state on a PostgreSQL database, shared by every process of a fleet across hosts.
///
/// Same guarantees as the SQLite backend:
/// - **Writes are serializable.** Every write transaction runs at `SERIALIZABLE`: PostgreSQL
///   commits only what some one-at-a-time order of the transactions would also have produced, as
///   SQLite's single writer does, so an inbox or effect claim that reads a row and then writes it
///   cannot interleave with another claim of that row, in any process on any host. Unlike one
///   lock for all writers, transactions on different rows run at once. One that the server aborts
///   for a conflict (SQLSTATE 40001, or a deadlock, 40P01) is rolled back and run again, with a
///   short random back-off; the closures the store runs touch nothing but the database, so running
///   one again is safe. Waiting for a row another writer holds is bounded by
///   ``StateStore/Options/busyTimeout`` (`lock_timeout`), like SQLite's busy timeout.
/// - **Reads see one snapshot** (`REPEATABLE READ, READ ONLY`), like a WAL reader.
/// - **Durability** follows ``StateStore/Options/synchronous``: `.full` waits for the commit to
///   be flushed (`synchronous_commit = on`); `.normal` does not (`off`), which, like SQLite's
///   NORMAL in WAL mode, survives a crash of the process but may lose the last commits if the
///   server itself stops abruptly.
///
/// Statements run on a small thread pool of this backend's own, one connection per running
/// transaction, each statement waiting for its result as a SQLite statement does.
final class PostgresBackend: Sendable {
    let location: StateLocation.PostgresLocation
    private let pool: PostgresConnectionPool
    private let threads: NIOThreadPool
    private let logger: Logger

    /// How many times a write transaction aborted for a conflict is run again before the error
    /// is reported.
    static let conflictAttempts = 50

    /// Connects, migrates (under the setup lock) and keeps the connection for the pool.
    init(location: StateLocation.PostgresLocation, options: StateStore.Options) throws {
        var logger = Logger(label: "BridgeState.Postgres")
        logger.logLevel = .warning
        self.logger = logger
        self.location = location
        let configuration = try Self.configuration(location: location, options: options)
        let connections = options.maximumReaderCount + 1
        pool = PostgresConnectionPool(configuration: configuration, limit: connections, logger: logger)
        threads = NIOThreadPool(numberOfThreads: connections)
        threads.start()
        do {
            let connection = try PostgresConnectionPool.connect(configuration, id: 0, logger: logger).wait()
            do {
                try Self.migrate(connection, options: options, location: location, logger: logger)
            } catch {
                try? connection.close().wait()
                throw error
            }
            pool.adopt(connection)
        } catch {
            try? threads.syncShutdownGracefully()
            throw Self.openError(error, location: location)
        }
    }

    deinit {
        pool.closeAll()
        threads.shutdownGracefully { _ in }
    }

    /// Closes every connection; later transactions fail.
    func close() throws {
        pool.closeAll()
        try threads.syncShutdownGracefully()
    }

    /// How a transaction keeps out the others.
    enum Isolation: Sendable {
        /// A read-only snapshot (`REPEATABLE READ, READ ONLY`).
        case snapshot
        /// A serializable write, run again when the server aborts it for a conflict.
        case serializable
        /// A `READ COMMITTED` write that first takes the transaction-scoped advisory lock `lock`
        /// (nil: none, for a single statement that needs no more than its own row locks). For
        /// rows that every process updates all the time (the fleet's request limits), where
        /// serializable transactions would mostly abort each other: the lock queues them instead,
        /// and each statement after it sees every earlier holder's commit. Every transaction that
        /// reads and then writes such rows must take the same lock.
        case locked(Int64?)
    }

    /// One transaction (see ``Isolation``).
    func transaction<T: Sendable>(_ isolation: Isolation, _ body: @escaping @Sendable (StateTransaction) throws -> T)
        async throws -> T
    {
        let logger = self.logger
        var attempt = 0
        while true {
            attempt += 1
            let connection = try await pool.acquire()
            do {
                let value = try await threads.runIfActive {
                    try Self.run(on: connection, isolation, logger: logger, body)
                }
                pool.release(connection)
                return value
            } catch {
                pool.release(connection)
                let failure = PostgresSQL.stateError(error)
                guard case .serializable = isolation, attempt < Self.conflictAttempts, PostgresSQL.isConflict(failure) else {
                    throw failure
                }
                // Another writer won the rows: run again after a short random pause that grows.
                let ceiling = min(50, 1 << min(attempt, 6))
                try? await Task.sleep(for: .milliseconds(Int.random(in: 1...ceiling)))
            }
        }
    }

    /// The advisory lock key of a ``Isolation/locked(_:)`` write named `name` in this schema.
    func writeLockKey(_ name: String) -> Int64 {
        Self.lockKey("write:\(name)", schema: location.schema)
    }

    /// Runs `body` in one transaction of `isolation`.
    private static func run<T>(
        on connection: PostgresConnection, _ isolation: Isolation, logger: Logger, _ body: (StateTransaction) throws -> T
    ) throws -> T {
        let runner = PostgresStatementRunner(connection: connection, logger: logger)
        // BEGIN (and the lock) go out with the first statement, not a round trip each before it.
        switch isolation {
        case .snapshot:
            runner.send("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        case .serializable:
            runner.send("BEGIN ISOLATION LEVEL SERIALIZABLE")
        case .locked(let lock):
            runner.send("BEGIN ISOLATION LEVEL READ COMMITTED")
            if let lock { runner.send("SELECT pg_advisory_xact_lock(\(lock))") }
        }
        do {
            let value = try body(StateTransaction(runner))
            _ = try runner.execute("COMMIT", [])
            return value
        } catch {
            try? runner.settle()
            _ = try? runner.execute("ROLLBACK", [])
            throw error
        }
    }

    // MARK: - Opening

    /// An advisory lock key for `purpose` in `schema`: FNV-1a of `psa-bridge:PURPOSE:SCHEMA`.
    static func lockKey(_ purpose: String, schema: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "psa-bridge:\(purpose):\(schema)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: hash)
    }

    private static func configuration(location: StateLocation.PostgresLocation, options: StateStore.Options) throws
        -> PostgresConnection.Configuration
    {
        let tls: PostgresConnection.Configuration.TLS
        switch location.tls {
        case .disable:
            tls = .disable
        case .prefer:
            tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require:
            tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username,
            password: options.password?.reveal(), database: location.database, tls: tls)
        configuration.options.connectTimeout = .seconds(Int64(max(1, options.setupTimeout.rounded(.up))))
        configuration.options.additionalStartupParameters = [
            ("application_name", String(options.instanceId.prefix(63))),
            ("synchronous_commit", options.synchronous == .full ? "on" : "off"),
            ("lock_timeout", "\(Int((options.busyTimeout * 1000).rounded()))ms"),
            ("search_path", location.schema),
        ]
        return configuration
    }

    /// Applies the migrations this release knows and refuses a database a newer release migrated.
    private static func migrate(
        _ connection: PostgresConnection, options: StateStore.Options, location: StateLocation.PostgresLocation,
        logger: Logger
    ) throws {
        let runner = PostgresStatementRunner(connection: connection, logger: logger)
        let setupLockKey = lockKey("setup", schema: location.schema)
        _ = try runner.execute("SET lock_timeout = '\(Int((options.setupTimeout * 1000).rounded()))ms'", [])
        do {
            _ = try runner.execute("SELECT pg_advisory_lock(\(setupLockKey))", [])
        } catch StateStoreError.database(let reason) where reason.contains("55P03") {
            throw StateStoreError.setupLockTimeout(path: location.url, seconds: options.setupTimeout)
        }
        defer { _ = try? runner.execute("SELECT pg_advisory_unlock(\(setupLockKey))", []) }
        // The schema is a plain identifier (checked when the URL was read); search_path names it.
        // Created only when missing: a user without CREATE on the database may use an existing one.
        if try runner.fetch("SELECT 1 FROM pg_namespace WHERE nspname = ?", [.text(location.schema)]).isEmpty {
            _ = try runner.execute("CREATE SCHEMA IF NOT EXISTS \(location.schema)", [])
        }
        _ = try runner.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (identifier TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL)",
            [])
        let applied = Set(
            try runner.fetch("SELECT identifier FROM schema_migrations", []).map { $0["identifier"] as String })
        for migration in PostgresSchema.migrations where !applied.contains(migration.identifier) {
            _ = try runner.execute("BEGIN", [])
            do {
                for statement in migration.statements { _ = try runner.execute(statement, []) }
                _ = try runner.execute(
                    "INSERT INTO schema_migrations (identifier, applied_at) VALUES (?, ?)",
                    [.text(migration.identifier), Date().stateValue])
                _ = try runner.execute("COMMIT", [])
            } catch {
                _ = try? runner.execute("ROLLBACK", [])
                throw error
            }
        }
        let unknown = applied.subtracting(PostgresSchema.migrations.map(\.identifier))
        guard unknown.isEmpty else {
            throw StateStoreError.schemaTooNew(path: location.url, unknownMigrations: unknown.sorted())
        }
        _ = try runner.execute("SET lock_timeout = '\(Int((options.busyTimeout * 1000).rounded()))ms'", [])
    }

    private static func openError(_ error: any Error, location: StateLocation.PostgresLocation) -> any Error {
        if let error = error as? StateStoreError { return error }
        if let psql = error as? PSQLError, psql.serverInfo == nil {
            return StateStoreError.cannotOpen(
                path: location.url, reason: "cannot reach PostgreSQL (\(psql.code.description))")
        }
        if let psql = error as? PSQLError, let info = psql.serverInfo {
            return StateStoreError.cannotOpen(
                path: location.url,
                reason: "PostgreSQL \(info[.sqlState] ?? "?"): \(info[.message] ?? "no message")")
        }
        return StateStoreError.cannotOpen(path: location.url, reason: "\(error)")
    }
}

/// The backend's connections: up to `limit` open, reused, a broken one dropped and replaced.
final class PostgresConnectionPool: Sendable {
    private struct State {
        var idle: [PostgresConnection] = []
        var open = 0
        var nextId = 1
        var waiters: [CheckedContinuation<Void, Never>] = []
        var closed = false
    }

    private let configuration: PostgresConnection.Configuration
    private let limit: Int
    private let logger: Logger
    private let state = NIOLockedValueBox(State())

    init(configuration: PostgresConnection.Configuration, limit: Int, logger: Logger) {
        self.configuration = configuration
        self.limit = limit
        self.logger = logger
    }

    static func connect(_ configuration: PostgresConnection.Configuration, id: Int, logger: Logger)
        -> EventLoopFuture<PostgresConnection>
    {
        PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: id, logger: logger)
    }

    /// Closes a connection without waiting (its errors do not matter: it is being dropped).
    private static func closeQuietly(_ connection: PostgresConnection) {
        // The connection must outlive its close (postgres-nio checks it was closed when freed).
        let future: EventLoopFuture<Void> = connection.close()
        future.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Hands an open connection (the one that migrated) to the pool.
    func adopt(_ connection: PostgresConnection) {
        state.withLockedValue {
            $0.open += 1
            $0.idle.append(connection)
        }
    }

    /// An idle connection, a new one while fewer than `limit` are open, or the next one released.
    func acquire() async throws -> PostgresConnection {
        while true {
            enum Step { case use(PostgresConnection), connect(Int), wait, closed }
            let step: Step = state.withLockedValue { state -> Step in
                if state.closed { return .closed }
                while let connection = state.idle.popLast() {
                    if !connection.isClosed { return .use(connection) }
                    state.open -= 1
                }
                if state.open < limit {
                    state.open += 1
                    state.nextId += 1
                    return .connect(state.nextId)
                }
                return .wait
            }
            switch step {
            case .use(let connection):
                return connection
            case .connect(let id):
                do {
                    return try await Self.connect(configuration, id: id, logger: logger).get()
                } catch {
                    let waiter = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
                        state.open -= 1
                        return state.waiters.isEmpty ? nil : state.waiters.removeFirst()
                    }
                    waiter?.resume()
                    throw PostgresSQL.stateError(error)
                }
            case .wait:
                await withCheckedContinuation { continuation in
                    let resumeNow = state.withLockedValue { state -> Bool in
                        // Released between the check above and now: go round again at once.
                        if !state.idle.isEmpty || state.open < limit || state.closed { return true }
                        state.waiters.append(continuation)
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            case .closed:
                throw StateStoreError.database(reason: "the state store was closed")
            }
        }
    }

    /// Returns a connection after a transaction; a closed one frees its place.
    func release(_ connection: PostgresConnection) {
        let (waiter, toClose) = state.withLockedValue { state -> (CheckedContinuation<Void, Never>?, PostgresConnection?) in
            var toClose: PostgresConnection?
            if connection.isClosed || state.closed {
                state.open -= 1
                toClose = state.closed ? connection : nil
            } else {
                state.idle.append(connection)
            }
            return (state.waiters.isEmpty ? nil : state.waiters.removeFirst(), toClose)
        }
        if let toClose { Self.closeQuietly(toClose) }
        waiter?.resume()
    }

    /// Closes the idle connections and refuses new transactions; busy ones close when released.
    func closeAll() {
        let (idle, waiters) = state.withLockedValue { state -> ([PostgresConnection], [CheckedContinuation<Void, Never>]) in
            state.closed = true
            let idle = state.idle
            state.open -= idle.count
            state.idle = []
            let waiters = state.waiters
            state.waiters = []
            return (idle, waiters)
        }
        for connection in idle { Self.closeQuietly(connection) }
        for waiter in waiters { waiter.resume() }
    }
}
