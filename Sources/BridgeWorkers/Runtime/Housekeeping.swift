import BridgeState
import BridgeValues
import Foundation
import Logging

/// Keeps the state database bounded (SPEC S4's inbox and effects would otherwise grow without
/// end): handled inbox rows, finished effects, old tick claims and heartbeats of instances gone
/// for good are deleted after their retention, then the write-ahead log is checkpointed. Audit
/// entries are never deleted here (they are kept at least 13 months; export them with
/// `bridgectl audit export`).
///
/// Every worker runs it after handling a tick; a named cursor holding the time of the last run
/// makes it run at most once per ``Policy/interval`` per state file, whichever process gets
/// there first (compare-and-set), so it is idempotent and needs no process of its own.
public struct Housekeeping: Sendable {
    /// How long each kind of row is kept.
    public struct Policy: Sendable, Equatable {
        /// Handled inbox rows (redelivery and replay deduplication) [the store's inbox retention, 14 days].
        public var inboxRetention: TimeInterval?
        /// Finished effects: longer than any message that could redo the write may be replayed [45 days].
        public var effectRetention: TimeInterval = 45 * 86_400
        /// Claims of handled tick slots [7 days].
        public var tickClaimRetention: TimeInterval = 7 * 86_400
        /// Heartbeats of instances not seen since [30 days].
        public var heartbeatRetention: TimeInterval = 30 * 86_400
        /// The least time between two runs on one state file [1 hour].
        public var interval: TimeInterval = 3_600

        public init() {}
    }

    /// What one run deleted.
    public struct Report: Sendable, Equatable {
        public var inboxRows = 0
        public var effects = 0
        public var tickClaims = 0
        public var heartbeats = 0
        public var bytesBefore: Int64 = 0
        public var bytesAfter: Int64 = 0
    }

    /// The named cursor holding the time of the last run (ISO 8601).
    public static let cursorName = "housekeeping.last-run"

    public var store: StateStore
    public var policy: Policy
    public var clock: @Sendable () -> Date

    public init(store: StateStore, policy: Policy = Policy(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.policy = policy
        self.clock = clock
    }

    /// Runs when the last run on this state file is at least ``Policy/interval`` old and this
    /// caller wins the claim; nil when it was not due or another process claimed it.
    public func runIfDue() async throws -> Report? {
        let now = clock()
        let last = try await store.cursor(Self.cursorName)
        if let value = last?.value, let at = Timestamp.parse(value), now.timeIntervalSince(at) < policy.interval {
            return nil
        }
        let claimed = try await store.setCursor(
            Self.cursorName, to: Timestamp.format(now), ifCurrentValueIs: last?.value)
        guard claimed else { return nil }
        return try await run(now: now)
    }

    /// Prunes and checkpoints now, due or not (`bridgectl` and tests).
    public func run(now: Date? = nil) async throws -> Report {
        let now = now ?? clock()
        var report = Report(bytesBefore: try await store.bytesOnDisk())
        report.inboxRows = try await store.pruneInbox(olderThan: policy.inboxRetention)
        report.effects = try await store.pruneEffects(completedBefore: now.addingTimeInterval(-policy.effectRetention))
        report.tickClaims = try await store.pruneTickClaims(olderThan: policy.tickClaimRetention)
        report.heartbeats = try await store.pruneHeartbeats(notSeenFor: policy.heartbeatRetention)
        try await store.checkpoint()
        report.bytesAfter = try await store.bytesOnDisk()
        return report
    }

    /// ``runIfDue()`` for a worker after a tick: failures are logged, never fail the tick.
    func afterTick(logger: Logger) async {
        do {
            guard let report = try await runIfDue() else { return }
            logger.info(
                "housekeeping: pruned \(report.inboxRows) inbox rows, \(report.effects) effects, \(report.tickClaims) tick claims, \(report.heartbeats) heartbeats; state \(report.bytesBefore) → \(report.bytesAfter) bytes")
        } catch {
            logger.warning("housekeeping failed; it runs again after the next tick", metadata: ["error": "\(error)"])
        }
    }
}
