import Foundation

/// Fleet-wide API limits: request slots (at most N requests in flight per scope, whatever the
/// number of processes) and a request budget per rolling window, shared by every process that
/// opens this state. Autotask allows 3 requests in flight per integration and endpoint and 10,000
/// requests an hour per database; a limiter in each process alone cannot keep four processes
/// within them.
///
/// A slot is leased: the lease lapses at its expiry, so a process killed while it held a slot
/// blocks it at most that long; a process that can tell a holder is gone (one of its own host
/// that no longer runs) frees its slots at once (``releaseRequestSlots(holder:)``). Each call
/// is one short write transaction. Every process updates these few rows all the time, so on
/// PostgreSQL the transactions that read and then write them queue behind one advisory lock per
/// scope (``write(queuedOn:_:)``) rather than run serializable and abort each other; a release is
/// one statement on its own row.
extension StateStore {
    /// A held request slot; give it back with ``releaseRequestSlot(token:)``.
    public struct RequestSlotLease: Sendable, Hashable {
        public let scope: String
        public let slot: Int
        /// Names this holding (a new random value per lease), so a lease that lapsed and was taken
        /// over is not released by its first holder.
        public let token: String

        public init(scope: String, slot: Int, token: String) {
            self.scope = scope
            self.slot = slot
            self.token = token
        }
    }

    /// Takes a free slot of `scope`'s first `limit` slots for `holder`, for at most `ttl`.
    /// - Returns: the lease, or nil when `limit` leases of `scope` are held and current.
    public func takeRequestSlot(scope: String, limit: Int, holder: String, ttl: TimeInterval) async throws -> RequestSlotLease? {
        try Self.requireNonEmpty(scope, field: "scope")
        try Self.requireNonEmpty(holder, field: "holder")
        guard limit >= 1 else { throw StateStoreError.invalidArgument(field: "limit", reason: "must be at least 1") }
        guard ttl > 0 else { throw StateStoreError.invalidArgument(field: "ttl", reason: "must be positive") }
        let now = self.now
        let token = UUID().uuidString
        return try await write(queuedOn: "request-slots:\(scope)") { db in
            let existing = try db.fetchOne(Int.self, sql: "SELECT COUNT(*) FROM request_slots WHERE scope = ? AND slot < ?", arguments: [scope, limit]) ?? 0
            if existing < limit {
                for slot in 0..<limit {
                    try db.execute(
                        sql: "INSERT INTO request_slots (scope, slot) VALUES (?, ?) ON CONFLICT (scope, slot) DO NOTHING",
                        arguments: [scope, slot])
                }
            }
            guard
                let slot = try db.fetchOne(Int.self, sql: """
                        SELECT slot FROM request_slots
                        WHERE scope = ? AND slot < ? AND (lease IS NULL OR expires_at <= ?)
                        ORDER BY slot LIMIT 1
                        """,
                    arguments: [scope, limit, now])
            else { return nil }
            try db.execute(
                sql: "UPDATE request_slots SET holder = ?, lease = ?, expires_at = ? WHERE scope = ? AND slot = ?",
                arguments: [holder, token, now.addingTimeInterval(ttl), scope, slot])
            return RequestSlotLease(scope: scope, slot: slot, token: token)
        }
    }

    /// Gives back the slot held under lease `token`. Does nothing when the lease already lapsed
    /// and another holder took the slot.
    public func releaseRequestSlot(token: String) async throws {
        try await write(queuedOn: nil) { db in
            try db.execute(
                sql: "UPDATE request_slots SET holder = NULL, lease = NULL, expires_at = NULL WHERE lease = ?",
                arguments: [token])
        }
    }

    /// Gives back every slot `holder` holds: what a killed process left.
    /// - Returns: the slots freed.
    @discardableResult
    public func releaseRequestSlots(holder: String) async throws -> Int {
        try await write(queuedOn: nil) { db in
            try db.execute(
                sql: "UPDATE request_slots SET holder = NULL, lease = NULL, expires_at = NULL WHERE holder = ?",
                arguments: [holder])
            return db.changesCount
        }
    }

    /// The holder of each current lease (one entry per slot held), of `scope` or of every scope.
    public func requestSlotHolders(scope: String? = nil) async throws -> [String] {
        let now = self.now
        return try await read { db in
            if let scope {
                return try db.fetchAll(String.self, sql: "SELECT holder FROM request_slots WHERE scope = ? AND lease IS NOT NULL AND expires_at > ?",
                    arguments: [scope, now])
            }
            return try db.fetchAll(String.self, sql: "SELECT holder FROM request_slots WHERE lease IS NOT NULL AND expires_at > ?", arguments: [now])
        }
    }

    /// Spends one request of `scope`'s budget of `limit` per `window` (counted in whole minutes:
    /// a request counts until the window has passed since the start of its minute).
    /// - Returns: nil when the request was counted; otherwise how long until the oldest counted
    ///   minute leaves the window and a request is free again (nothing is counted then).
    public func spendRequestBudget(scope: String, limit: Int, window: TimeInterval) async throws -> TimeInterval? {
        try Self.requireNonEmpty(scope, field: "scope")
        guard limit >= 1 else { throw StateStoreError.invalidArgument(field: "limit", reason: "must be at least 1") }
        guard window >= 60 else { throw StateStoreError.invalidArgument(field: "window", reason: "must be at least 60 seconds") }
        let seconds = now.timeIntervalSince1970
        let minute = Int((seconds / 60).rounded(.down))
        let minutes = Int((window / 60).rounded(.up))
        let first = minute - minutes + 1
        return try await write(queuedOn: "request-budget:\(scope)") { db in
            try db.execute(sql: "DELETE FROM request_budget WHERE scope = ? AND minute < ?", arguments: [scope, first])
            let spent = try db.fetchOne(Int.self, sql: "SELECT COALESCE(SUM(requests), 0) FROM request_budget WHERE scope = ?", arguments: [scope]) ?? 0
            if spent < limit {
                try db.execute(
                    sql: """
                        INSERT INTO request_budget (scope, minute, requests) VALUES (?, ?, 1)
                        ON CONFLICT (scope, minute) DO UPDATE SET requests = request_budget.requests + 1
                        """,
                    arguments: [scope, minute])
                return nil
            }
            let oldest = try db.fetchOne(Int.self, sql: "SELECT MIN(minute) FROM request_budget WHERE scope = ?", arguments: [scope]) ?? minute
            return max(1, Double((oldest + minutes) * 60) - seconds)
        }
    }

    /// Requests of `scope` counted in the window now.
    public func requestBudgetSpent(scope: String, window: TimeInterval) async throws -> Int {
        let minute = Int((now.timeIntervalSince1970 / 60).rounded(.down))
        let first = minute - Int((window / 60).rounded(.up)) + 1
        return try await read { db in
            try db.fetchOne(Int.self, sql: "SELECT COALESCE(SUM(requests), 0) FROM request_budget WHERE scope = ? AND minute >= ?",
                arguments: [scope, first]) ?? 0
        }
    }
}
