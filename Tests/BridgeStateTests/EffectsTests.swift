import Foundation
import BridgeTestSupport
import Testing

@testable import BridgeState

@Suite("Effects: each external write made once (T4, B8)")
struct EffectsTests {
    static let create = (kind: "psa.ticket.create", target: "connectwise:company:42")

    @Test(
        "claim → crash before completing → re-claim with attempts and partial result → complete → never claimed again")
    func crashAndRecovery() async throws {
        let clock = ManualClock()
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let path = directory.path("state.sqlite")
        var crashedOptions = testOptions(clock: clock, instanceId: "crashed")
        crashedOptions.effectLease = 60
        let crashed = try StateStore(location: TestState.location(forPath: path), options: crashedOptions)

        let key = "ticket:alert-9:occ-1"
        #expect(try await crashed.claimEffect(key: key, kind: Self.create.kind, target: Self.create.target) == .first)
        #expect(try await crashed.recordEffectProgress(key: key, partialResult: Data(#"{"step":"lookup-done"}"#.utf8)))
        // The process dies here: the PSA call may or may not have happened. It is gone; a new
        // process (another instance id) opens the same file.
        try crashed.close()
        let restarted = try StateStore(location: TestState.location(forPath: path), options: testOptions(clock: clock, instanceId: "restarted"))

        let blocked = try await restarted.claimEffect(key: key, kind: Self.create.kind, target: Self.create.target)
        #expect(blocked == .inProgress(owner: "crashed", leaseUntil: clock.now.addingTimeInterval(60)))
        clock.advance(by: 61)
        let reclaimed = try await restarted.claimEffect(key: key, kind: Self.create.kind, target: Self.create.target)
        #expect(
            reclaimed
                == .reclaimed(
                    previousAttempts: 1, externalRef: nil, partialResult: Data(#"{"step":"lookup-done"}"#.utf8),
                    lastError: nil))

        let audit = AuditEntry(
            worker: "ticket-updater", action: "ticket.create", targetSystem: "connectwise", targetId: "1001",
            after: Data(#"{"summary":"Backup failed"}"#.utf8), reason: "T1 new alert", messageId: "m-1")
        #expect(
            try await restarted.completeEffect(
                key: key, externalRef: "1001", result: Data(#"{"id":1001}"#.utf8), audit: audit))

        let third = try StateStore(location: TestState.location(forPath: path), options: testOptions(clock: clock, instanceId: "third"))
        for store in [restarted, third] {
            let claim = try await store.claimEffect(key: key, kind: Self.create.kind, target: Self.create.target)
            #expect(
                claim
                    == .completed(
                        EffectOutcome(externalRef: "1001", result: Data(#"{"id":1001}"#.utf8), completedAt: clock.now)))
        }
        // A second completion (a retry after a lost commit) keeps the first and adds no audit row.
        #expect(try await restarted.completeEffect(key: key, externalRef: "9999", result: nil, audit: audit) == false)
        let record = try #require(try await restarted.effect(key: key))
        #expect(record.status == .completed)
        #expect(record.externalRef == "1001")
        #expect(record.attempts == 2)
        let auditRows = try await restarted.auditEntries(targetSystem: "connectwise", targetId: "1001")
        #expect(auditRows.count == 1)
        #expect(auditRows.first?.effectKey == key)
        #expect(auditRows.first?.entry == audit)
        // A failure reported after completion changes nothing either.
        #expect(try await restarted.failEffect(key: key, error: "late") == false)
        #expect(try await restarted.effect(key: key)?.status == .completed)
    }

    @Test("a failed attempt is re-claimed at once by anyone, with its error and external reference")
    func failedThenReclaimed() async throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let path = directory.path("state.sqlite")
        let a = try StateStore(location: TestState.location(forPath: path), options: testOptions(instanceId: "a"))
        let b = try StateStore(location: TestState.location(forPath: path), options: testOptions(instanceId: "b"))
        let key = "autotask:adjustment:line-5:2026-11:+3"
        #expect(
            try await a.claimEffect(key: key, kind: "autotask.adjustment", target: "autotask:contract-service:5")
                == .first)
        #expect(try await a.recordEffectProgress(key: key, externalRef: "adj-77"))
        #expect(try await b.failEffect(key: key, error: "not the holder") == false)
        #expect(try await a.failEffect(key: key, error: "HTTP 500"))
        #expect(
            try await b.claimEffect(key: key, kind: "autotask.adjustment", target: "autotask:contract-service:5")
                == .reclaimed(previousAttempts: 1, externalRef: "adj-77", partialResult: nil, lastError: "HTTP 500"))
        #expect(try await b.incompleteEffects().map(\.key) == [key])
    }

    @Test("while its lease runs, even the holding instance gets in progress; after failEffect it re-claims at once")
    func ownClaimWhileLeased() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock, instanceId: "holder")
        defer { withExtendedLifetime(directory) {} }
        #expect(try await store.claimEffect(key: "k", kind: "x", target: "t") == .first)
        #expect(
            try await store.claimEffect(key: "k", kind: "x", target: "t")
                == .inProgress(owner: "holder", leaseUntil: clock.now.addingTimeInterval(store.options.effectLease)))
        #expect(try await store.failEffect(key: "k", error: "HTTP 429"))
        #expect(
            try await store.claimEffect(key: "k", kind: "x", target: "t")
                == .reclaimed(previousAttempts: 1, externalRef: nil, partialResult: nil, lastError: "HTTP 429"))
    }

    @Test("a cancelled task still records the outcome of a write it made (S4)")
    func cancellationDoesNotDropCompletion() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        #expect(try await store.claimEffect(key: "k", kind: "x", target: "t") == .first)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            #expect(Task.isCancelled)
            return try await store.completeEffect(key: "k", externalRef: "1001", result: nil)
        }
        #expect(try await task.value)
        #expect(try await store.effect(key: "k")?.status == .completed)
    }

    @Test("a key reused for another kind or target is refused; unknown keys and bad results are errors")
    func misuse() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        _ = try await store.claimEffect(key: "k", kind: "psa.ticket.create", target: "connectwise:company:1")
        await #expect(
            throws: StateStoreError.effectKeyConflict(
                key: "k", existingKind: "psa.ticket.create", existingTarget: "connectwise:company:1")
        ) {
            try await store.claimEffect(key: "k", kind: "psa.ticket.note", target: "connectwise:company:1")
        }
        await #expect(throws: StateStoreError.effectNotClaimed(key: "nope")) {
            try await store.completeEffect(key: "nope", externalRef: "1", result: nil)
        }
        await #expect(throws: StateStoreError.effectNotClaimed(key: "nope")) {
            try await store.failEffect(key: "nope", error: "e")
        }
        await #expect(throws: StateStoreError.invalidJSON(field: "effect result")) {
            try await store.completeEffect(key: "k", externalRef: "1", result: Data("not json".utf8))
        }
        await #expect(
            throws: StateStoreError.invalidArgument(field: "effect key", reason: "longer than 255 characters")
        ) {
            try await store.claimEffect(key: String(repeating: "k", count: 256), kind: "x", target: "t")
        }
        #expect(try await store.effect(key: "k")?.status == .inProgress)
    }

    @Test("six stores on one file claiming the same 50 keys at once: exactly one first claim per key (T4)")
    func concurrentClaimsAcrossPools() async throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let path = directory.path("state.sqlite")
        // FULL (the production default) so the contention is as real as it gets.
        let stores = try (0..<6).map {
            try StateStore(location: TestState.location(forPath: path), options: testOptions(instanceId: "pool-\($0)", synchronous: .full))
        }
        let keys = (0..<50).map { "effect-\($0)" }
        let results = try await withThrowingTaskGroup(of: [(String, EffectClaim)].self) { group in
            for store in stores {
                group.addTask {
                    var claims: [(String, EffectClaim)] = []
                    for key in keys.shuffled() {
                        claims.append(
                            (key, try await store.claimEffect(key: key, kind: "psa.ticket.create", target: "t")))
                    }
                    return claims
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(results.count == 300)
        for key in keys {
            let claims = results.filter { $0.0 == key }.map(\.1)
            #expect(claims.count { $0 == .first } == 1, "key \(key): \(claims)")
            #expect(
                claims.allSatisfy { claim in
                    if case .inProgress = claim { return true }
                    return claim == .first
                }, "key \(key): \(claims)")
        }
        // Each row records one attempt by its winner.
        for key in keys {
            #expect(try await stores[0].effect(key: key)?.attempts == 1)
        }
    }

    @Test("pruning deletes only completed effects completed before the date")
    func pruning() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        _ = try await store.claimEffect(key: "done", kind: "x", target: "t")
        try await store.completeEffect(key: "done", externalRef: nil, result: nil)
        _ = try await store.claimEffect(key: "open", kind: "x", target: "t")
        clock.advance(by: 100)
        #expect(try await store.pruneEffects(completedBefore: clock.now) == 1)
        #expect(try await store.effect(key: "done") == nil)
        #expect(try await store.effect(key: "open") != nil)
    }
}
