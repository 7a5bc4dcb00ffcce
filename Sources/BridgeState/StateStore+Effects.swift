import Foundation

/// Effects: one row per external write (ARCHITECTURE "A PSA write goes: claim the effect row
/// (committed) → look the target up by its external reference if a claim already existed → call →
/// complete the row"). That order is what keeps a crash between the call and the commit from
/// creating a second ticket or a second Autotask adjustment (SPEC T4, B8).
extension StateStore {
    /// Claims the external write `key` before calling the external system; the claim is
    /// committed when this returns.
    ///
    /// Across every process exactly one caller gets `.first` for a key. A claim whose holder
    /// called `failEffect`, or whose lease expired (the holder crashed), is retaken as
    /// `.reclaimed`. While a lease runs, every other claim gets `.inProgress`, even from the
    /// same instance (two copies of one message handled at once in one process must not both
    /// call). A completed key is never claimed again.
    ///
    /// - Parameters:
    ///   - key: The write's idempotency key (at most 255 characters, like Stripe's).
    ///   - kind: What kind of write it is; reusing a key for another kind or target is refused.
    ///   - target: What it writes to.
    ///   - lease: How long other instances are kept off; ``Options/effectLease`` when `nil`.
    /// - Throws: ``StateStoreError/effectKeyConflict(key:existingKind:existingTarget:)``.
    public func claimEffect(
        key: String, kind: String, target: String, lease: TimeInterval? = nil
    ) async throws
        -> EffectClaim
    {
        try Self.requireNonEmpty(key, field: "effect key")
        guard key.count <= 255 else {
            throw StateStoreError.invalidArgument(field: "effect key", reason: "longer than 255 characters")
        }
        try Self.requireNonEmpty(kind, field: "effect kind")
        let now = self.now
        let leaseUntil = now.addingTimeInterval(lease ?? options.effectLease)
        let owner = options.instanceId
        return try await write { db in
            guard let row = try db.fetchOne(sql: "SELECT * FROM effects WHERE key = ?", arguments: [key]) else {
                try db.execute(
                    sql: """
                        INSERT INTO effects (key, kind, target, status, attempts, claimed_by, lease_until,
                                             created_at, updated_at)
                        VALUES (?, ?, ?, 'in_progress', 1, ?, ?, ?, ?)
                        """,
                    arguments: [key, kind, target, owner, leaseUntil, now, now])
                return .first
            }
            let effect = try EffectRecord(row: row)
            guard effect.kind == kind, effect.target == target else {
                throw StateStoreError.effectKeyConflict(
                    key: key, existingKind: effect.kind, existingTarget: effect.target)
            }
            switch effect.status {
            case .completed:
                return .completed(
                    EffectOutcome(
                        externalRef: effect.externalRef, result: effect.result,
                        completedAt: effect.completedAt ?? effect.updatedAt))
            case .inProgress where effect.leaseUntil > now:
                return .inProgress(owner: effect.claimedBy, leaseUntil: effect.leaseUntil)
            case .inProgress, .failed:
                try db.execute(
                    sql: """
                        UPDATE effects SET status = 'in_progress', attempts = attempts + 1, claimed_by = ?,
                                           lease_until = ?, updated_at = ?
                        WHERE key = ?
                        """,
                    arguments: [owner, leaseUntil, now, key])
                return .reclaimed(
                    previousAttempts: effect.attempts, externalRef: effect.externalRef,
                    partialResult: effect.partialResult, lastError: effect.lastError)
            }
        }
    }

    /// Records a recovery point of an unfinished write (for example the external id of an object
    /// created by the first of two calls), so a re-claim can resume instead of starting over.
    /// `nil` arguments keep what was recorded.
    /// - Returns: `false` when the effect is already completed (nothing changed).
    /// - Throws: ``StateStoreError/effectNotClaimed(key:)``, ``StateStoreError/invalidJSON(field:)``.
    @discardableResult
    public func recordEffectProgress(
        key: String, externalRef: String? = nil, partialResult: Data? = nil
    ) async throws
        -> Bool
    {
        let partial = try JSONText.text(partialResult, field: "effect partial result")
        let now = self.now
        return try await write { db in
            try db.execute(
                sql: """
                    UPDATE effects SET external_ref = coalesce(?, external_ref),
                                       partial_result = coalesce(?, partial_result), updated_at = ?
                    WHERE key = ? AND status <> 'completed'
                    """,
                arguments: [externalRef, partial, now, key])
            return try Self.changedOrExisting(db, key: key)
        }
    }

    /// Records that the write was made. Later claims return `.completed` with this outcome.
    ///
    /// When `audit` is given it is appended in the same transaction, so the audit log has a row
    /// for every completed write and never two. Completing an already completed effect changes
    /// nothing (and appends no audit row): the first completion is kept.
    /// - Returns: `false` when it was already completed.
    /// - Throws: ``StateStoreError/effectNotClaimed(key:)``, ``StateStoreError/invalidJSON(field:)``.
    @discardableResult
    public func completeEffect(
        key: String, externalRef: String?, result: Data?, audit: AuditEntry? = nil
    )
        async throws -> Bool
    {
        let resultText = try JSONText.text(result, field: "effect result")
        let auditRow = try audit.map { try AuditRow($0) }
        let now = self.now
        return try await write { db in
            try db.execute(
                sql: """
                    UPDATE effects SET status = 'completed', external_ref = coalesce(?, external_ref), result = ?,
                                       last_error = NULL, completed_at = ?, updated_at = ?
                    WHERE key = ? AND status <> 'completed'
                    """,
                arguments: [externalRef, resultText, now, now, key])
            guard try Self.changedOrExisting(db, key: key) else { return false }
            if let auditRow { try auditRow.insert(db, at: now, effectKey: key) }
            return true
        }
    }

    /// Records that an attempt failed; the next claim retakes the effect at once (`.reclaimed`
    /// with this error). Applies only while this instance holds the claim, and never to a
    /// completed effect.
    /// - Returns: whether the row changed.
    /// - Throws: ``StateStoreError/effectNotClaimed(key:)``.
    @discardableResult
    public func failEffect(key: String, error: String) async throws -> Bool {
        let now = self.now
        let owner = options.instanceId
        return try await write { db in
            try db.execute(
                sql: """
                    UPDATE effects SET status = 'failed', last_error = ?, updated_at = ?
                    WHERE key = ? AND status = 'in_progress' AND claimed_by = ?
                    """,
                arguments: [error, now, key, owner])
            return try Self.changedOrExisting(db, key: key)
        }
    }

    /// The effect row for `key`, if any.
    public func effect(key: String) async throws -> EffectRecord? {
        try await read { db in
            try db.fetchOne(sql: "SELECT * FROM effects WHERE key = ?", arguments: [key]).map(EffectRecord.init)
        }
    }

    /// Whether another claim of `kind` on `target` than `key` is in progress with a lease that
    /// still runs. A writer that must be alone on its target (an Autotask adjustment is a
    /// difference from the units it read) claims its own row first, then asks: of two writers that
    /// claim at once, at least one sees the other and backs off, so at most one goes on.
    public func otherEffectInProgress(kind: String, target: String, excluding key: String) async throws -> Bool {
        let now = self.now
        return try await read { db in
            try db.fetchOne(Bool.self, sql: """
                    SELECT EXISTS (SELECT 1 FROM effects WHERE status = 'in_progress' AND kind = ? AND target = ?
                        AND key <> ? AND lease_until > ?)
                    """,
                arguments: [kind, target, key, now]) ?? false
        }
    }

    /// Effects not completed yet (in progress or failed), oldest first: what `bridgectl` shows
    /// as writes whose outcome is unknown or failed.
    public func incompleteEffects(limit: Int = 100) async throws -> [EffectRecord] {
        try await read { db in
            try db.fetchAll(sql: "SELECT * FROM effects WHERE status <> 'completed' ORDER BY updated_at LIMIT ?",
                arguments: [limit]
            ).map(EffectRecord.init)
        }
    }

    /// Deletes completed effects completed before `date`. Keep them at least as long as any
    /// message that could redo the write can be replayed (well beyond the inbox retention).
    @discardableResult
    public func pruneEffects(completedBefore date: Date) async throws -> Int {
        try await write { db in
            try db.execute(
                sql: "DELETE FROM effects WHERE status = 'completed' AND completed_at < ?", arguments: [date])
            return db.changesCount
        }
    }

    /// `true` if the last statement changed a row, `false` if it changed none but the effect
    /// exists; throws if there is no such effect.
    private static func changedOrExisting(_ db: StateTransaction, key: String) throws -> Bool {
        if db.changesCount > 0 { return true }
        guard try db.fetchOne(Bool.self, sql: "SELECT 1 FROM effects WHERE key = ?", arguments: [key]) != nil else {
            throw StateStoreError.effectNotClaimed(key: key)
        }
        return false
    }
}
