import BridgeValues
import Foundation

extension StateStore {
    /// How a ``StateStore`` opens its file and what its defaults are.
    ///
    /// - Configuration keys (suggested names for the worker's configuration):
    ///   - `sqlite.busyTimeoutMs` → ``busyTimeout`` (seconds here; default 5)
    ///   - `sqlite.synchronous` → ``synchronous`` (`FULL` | `NORMAL`; default `FULL`)
    ///   - `sqlite.inboxRetentionDays` → ``inboxRetention`` (default 14 days)
    public struct Options: Sendable {
        /// SQLite's `synchronous` level for the writer connection.
        public enum Synchronous: String, Sendable, CaseIterable {
            /// fsync on every commit. A committed inbox or effect row survives power loss.
            case full = "FULL"
            /// fsync at checkpoints only: about 6× the commit rate on this kind of machine, but a
            /// commit made just before a power loss or OS crash may roll back (never corrupt).
            case normal = "NORMAL"
        }

        /// How long a write waits for another connection's write lock before `SQLITE_BUSY`.
        public var busyTimeout: TimeInterval = 5

        /// The writer's `synchronous` level. Default ``Synchronous/full``: a worker acknowledges a
        /// message to RabbitMQ right after committing its inbox row; after a `NORMAL` commit a
        /// power loss could roll that row back while the broker has already forgotten the
        /// message, and a replay would then repeat the side effect. `NORMAL` is safe against
        /// process crashes and fine for tests and benchmarks that accept that risk.
        public var synchronous: Synchronous = .full

        /// How long an opener waits for another process that is creating or migrating the file.
        public var setupTimeout: TimeInterval = 60

        /// Who holds leases taken through this store: one id per process (host, pid, random).
        public var instanceId: String = Options.defaultInstanceId()

        /// How long an inbox claim excludes other instances before it may be retaken.
        public var messageLease: TimeInterval = 300

        /// How long an effect claim excludes other instances before it may be retaken.
        public var effectLease: TimeInterval = 300

        /// How long finished inbox rows are kept by ``StateStore/pruneInbox(olderThan:)``.
        ///
        /// 14 days: longer than any redelivery, retry chain or dead-letter retention the fleet
        /// uses, so a replayed message still finds its row. A message replayed after its row was
        /// pruned runs again; its external writes are still deduplicated by the effects table.
        public var inboxRetention: TimeInterval = 14 * 86_400

        /// The pool's maximum number of reader connections.
        public var maximumReaderCount: Int = 4

        /// The PostgreSQL user's password (PostgreSQL only; never in the URL). `nil` for a server
        /// that trusts the connection (a private cluster on loopback) or a SQLite file.
        public var password: Secret?

        /// The clock used for leases and timestamps (a fixed or manual clock in tests).
        public var clock: @Sendable () -> Date = { Date() }

        /// The defaults described on each property.
        public init() {}

        /// `<host>-<pid>-<8 random hex digits>`.
        public static func defaultInstanceId() -> String {
            let random = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8).lowercased()
            return "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(random)"
        }

        func validate() throws(StateStoreError) {
            guard busyTimeout >= 0 else {
                throw .invalidArgument(field: "busyTimeout", reason: "must not be negative")
            }
            guard setupTimeout >= 0 else {
                throw .invalidArgument(field: "setupTimeout", reason: "must not be negative")
            }
            guard !instanceId.isEmpty else {
                throw .invalidArgument(field: "instanceId", reason: "must not be empty")
            }
            guard messageLease > 0, effectLease > 0 else {
                throw .invalidArgument(field: "messageLease/effectLease", reason: "must be positive")
            }
            guard inboxRetention > 0 else {
                throw .invalidArgument(field: "inboxRetention", reason: "must be positive")
            }
            guard maximumReaderCount >= 1 else {
                throw .invalidArgument(field: "maximumReaderCount", reason: "must be at least 1")
            }
        }
    }
}
