import Foundation
import BridgeTestSupport
import Testing

@testable import BridgeState

@Suite("Inbox: each message handled once per worker")
struct InboxTests {
    @Test("claim → complete → redelivery and replay are skipped (T4, S3)")
    func claimCompleteRedeliver() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }

        let first = try await store.claimMessage(
            worker: "ticket-updater", messageId: "m-1", idempotencyKey: "alert-9:occ-1")
        #expect(first == .new(attempt: 1, previousError: nil))
        clock.advance(by: 2)
        try await store.completeMessage(worker: "ticket-updater", idempotencyKey: "alert-9:occ-1")

        // Redelivery of the same message, and a DLQ replay under a new message id with the same key.
        let redelivered = try await store.claimMessage(
            worker: "ticket-updater", messageId: "m-1", idempotencyKey: "alert-9:occ-1")
        let replayed = try await store.claimMessage(
            worker: "ticket-updater", messageId: "m-1-replay", idempotencyKey: "alert-9:occ-1")
        #expect(redelivered == .alreadyDone(completedAt: clock.now))
        #expect(replayed == .alreadyDone(completedAt: clock.now))

        // Completing twice changes nothing.
        try await store.completeMessage(worker: "ticket-updater", idempotencyKey: "alert-9:occ-1")
        let entry = try #require(try await store.inboxEntry(worker: "ticket-updater", idempotencyKey: "alert-9:occ-1"))
        #expect(entry.status == .done)
        #expect(entry.attempts == 1)
        #expect(entry.messageId == "m-1")
    }

    @Test("dedup is per worker: another worker may handle the same key")
    func perWorker() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        #expect(
            try await store.claimMessage(
                worker: "provisioner", messageId: "t", idempotencyKey: "tick:2026-11-22T02:15Z")
                == .new(attempt: 1, previousError: nil))
        #expect(
            try await store.claimMessage(
                worker: "usage-reporter", messageId: "t", idempotencyKey: "tick:2026-11-22T02:15Z")
                == .new(attempt: 1, previousError: nil))
    }

    @Test("a claim held by a live instance is in progress for others; after the lease a crashed claim is retaken")
    func leaseExpiry() async throws {
        let clock = ManualClock()
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let path = directory.path("state.sqlite")
        var optionsA = testOptions(clock: clock, instanceId: "worker-a")
        optionsA.messageLease = 30
        let a = try StateStore(location: TestState.location(forPath: path), options: optionsA)
        let b = try StateStore(location: TestState.location(forPath: path), options: testOptions(clock: clock, instanceId: "worker-b"))

        #expect(
            try await a.claimMessage(worker: "provisioner", messageId: "m", idempotencyKey: "company:7")
                == .new(attempt: 1, previousError: nil))
        let leaseEnd = clock.now.addingTimeInterval(30)
        clock.advance(by: 29)
        #expect(
            try await b.claimMessage(worker: "provisioner", messageId: "m", idempotencyKey: "company:7")
                == .inProgress(owner: "worker-a", leaseUntil: leaseEnd))

        // worker-a "crashes": no complete, no fail. After the lease, b takes the message over.
        clock.advance(by: 2)
        #expect(
            try await b.claimMessage(worker: "provisioner", messageId: "m", idempotencyKey: "company:7")
                == .new(attempt: 2, previousError: nil))
        // The old holder can no longer fail it (b holds it now)...
        #expect(
            try await a.failMessage(worker: "provisioner", idempotencyKey: "company:7", error: "late", permanent: false)
                == false)
        // ...but b can, and the next claim sees b's error.
        #expect(
            try await b.failMessage(
                worker: "provisioner", idempotencyKey: "company:7", error: "PSA 503", permanent: false))
        #expect(
            try await a.claimMessage(worker: "provisioner", messageId: "m", idempotencyKey: "company:7")
                == .new(attempt: 3, previousError: "PSA 503"))
        try await a.completeMessage(worker: "provisioner", idempotencyKey: "company:7")
        #expect(
            try await b.claimMessage(worker: "provisioner", messageId: "m", idempotencyKey: "company:7")
                == .alreadyDone(completedAt: clock.now))
    }

    @Test("extending a lease keeps others out longer")
    func extendLease() async throws {
        let clock = ManualClock()
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let path = directory.path("state.sqlite")
        var optionsA = testOptions(clock: clock, instanceId: "worker-a")
        optionsA.messageLease = 10
        let a = try StateStore(location: TestState.location(forPath: path), options: optionsA)
        let b = try StateStore(location: TestState.location(forPath: path), options: testOptions(clock: clock, instanceId: "worker-b"))
        _ = try await a.claimMessage(worker: "w", messageId: "m", idempotencyKey: "k")
        clock.advance(by: 8)
        #expect(try await a.extendMessageLease(worker: "w", idempotencyKey: "k", by: 60))
        #expect(try await b.extendMessageLease(worker: "w", idempotencyKey: "k", by: 60) == false)
        clock.advance(by: 30)
        let claim = try await b.claimMessage(worker: "w", messageId: "m", idempotencyKey: "k")
        guard case .inProgress(let owner, _) = claim else {
            Issue.record("expected inProgress, got \(claim)")
            return
        }
        #expect(owner == "worker-a")
    }

    @Test("a permanently failed message (dead-lettered) is retaken by a replay, with its error (S3)")
    func permanentFailureThenReplay() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        _ = try await store.claimMessage(worker: "w", messageId: "m", idempotencyKey: "k")
        #expect(
            try await store.failMessage(
                worker: "w", idempotencyKey: "k", error: "company 7 not mapped", permanent: true))
        let entry = try #require(try await store.inboxEntry(worker: "w", idempotencyKey: "k"))
        #expect(entry.status == .failedPermanent)
        #expect(
            try await store.claimMessage(worker: "w", messageId: "m-replay", idempotencyKey: "k")
                == .new(attempt: 2, previousError: "company 7 not mapped"))
        #expect(try await store.inboxEntry(worker: "w", idempotencyKey: "k")?.messageId == "m-replay")
    }

    @Test("completing or failing a message never claimed is an error naming it; failing a done one changes nothing")
    func unknownMessages() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        await #expect(throws: StateStoreError.messageNotClaimed(worker: "w", idempotencyKey: "nope")) {
            try await store.completeMessage(worker: "w", idempotencyKey: "nope")
        }
        await #expect(throws: StateStoreError.messageNotClaimed(worker: "w", idempotencyKey: "nope")) {
            try await store.failMessage(worker: "w", idempotencyKey: "nope", error: "x", permanent: false)
        }
        _ = try await store.claimMessage(worker: "w", messageId: "m", idempotencyKey: "k")
        try await store.completeMessage(worker: "w", idempotencyKey: "k")
        #expect(try await store.failMessage(worker: "w", idempotencyKey: "k", error: "x", permanent: true) == false)
        #expect(try await store.inboxEntry(worker: "w", idempotencyKey: "k")?.status == .done)
    }

    @Test("pruning deletes finished rows older than the retention (14 days by default) and keeps the rest")
    func pruning() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        #expect(store.options.inboxRetention == 14 * 86_400)
        for key in ["old-done", "old-failed", "old-in-progress"] {
            _ = try await store.claimMessage(worker: "w", messageId: key, idempotencyKey: key)
        }
        try await store.completeMessage(worker: "w", idempotencyKey: "old-done")
        try await store.failMessage(worker: "w", idempotencyKey: "old-failed", error: "e", permanent: true)
        clock.advance(by: 15 * 86_400)
        _ = try await store.claimMessage(worker: "w", messageId: "new", idempotencyKey: "new-done")
        try await store.completeMessage(worker: "w", idempotencyKey: "new-done")

        #expect(try await store.pruneInbox() == 2)
        #expect(try await store.inboxEntry(worker: "w", idempotencyKey: "old-done") == nil)
        #expect(try await store.inboxEntry(worker: "w", idempotencyKey: "old-failed") == nil)
        #expect(try await store.inboxEntry(worker: "w", idempotencyKey: "old-in-progress") != nil)
        #expect(try await store.inboxEntry(worker: "w", idempotencyKey: "new-done") != nil)
    }

    @Test("many instances claiming the same messages at once: each key is new for exactly one (T4)")
    func concurrentClaims() async throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let path = directory.path("state.sqlite")
        let stores = try (0..<4).map { try StateStore(location: TestState.location(forPath: path), options: testOptions(instanceId: "i\($0)")) }
        let keys = (0..<40).map { "alert-\($0)" }
        let winners = try await withThrowingTaskGroup(of: [String].self) { group in
            for store in stores {
                group.addTask {
                    var won: [String] = []
                    for key in keys {
                        if case .new = try await store.claimMessage(
                            worker: "alert-consumer", messageId: key, idempotencyKey: key)
                        {
                            won.append(key)
                        }
                    }
                    return won
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(winners.sorted() == keys.sorted())
    }
}
