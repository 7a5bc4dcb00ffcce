import BridgeTestSupport
import Foundation
import Testing

@testable import BridgeState

@Suite("Deferred messages: retries wait in the state until due (S3)")
struct DeferredMessagesTests {
    private static func json(_ text: String) -> Data { Data(text.utf8) }

    @Test("S3: a deferred message is due after its delay by the store's clock, once per queue and message id")
    func dueAfterDelay() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        let queues = ["provisioner.work"]
        #expect(try await store.nextDeferredDue(queues: queues) == nil)

        let first = try await store.deferMessage(
            queue: "provisioner.work", messageId: "m-1", headers: Self.json(#"{"bridge-attempt":2}"#),
            body: Self.json(#"{"n":1}"#), delay: 5, deferredBy: "provisioner@1")
        #expect(first.dueAt == clock.now.addingTimeInterval(5))
        #expect(try await store.nextDeferredDue(queues: queues) == 5)
        #expect(try await store.nextDeferredDue(queues: ["usage-reporter.work"]) == nil, "other queues see none")
        #expect(try await store.claimDueDeferredMessages(queues: queues).isEmpty, "not due yet")

        // Deferred again (a duplicate delivery, a later attempt): one row, the later one wins.
        clock.advance(by: 1)
        try await store.deferMessage(
            queue: "provisioner.work", messageId: "m-1", headers: Self.json(#"{"bridge-attempt":3}"#),
            body: Self.json(#"{"n":2}"#), delay: 30, deferredBy: "provisioner@2")
        let rows = try await store.deferredMessages()
        #expect(rows.count == 1)
        #expect(rows.first?.body == Self.json(#"{"n":2}"#))
        #expect(rows.first?.deferredBy == "provisioner@2")
        #expect(try await store.deferredCounts() == ["provisioner.work": 1])

        clock.advance(by: 29)
        #expect(try await store.claimDueDeferredMessages(queues: queues).isEmpty, "due at 31 s, not 30 s")
        clock.advance(by: 1)
        let due = try await store.claimDueDeferredMessages(queues: queues)
        #expect(due.map(\.messageId) == ["m-1"])
        #expect(String(decoding: due[0].headers, as: UTF8.self) == #"{"bridge-attempt":3}"#)
        try await store.releaseDeferredMessages(due)
        #expect(try await store.deferredMessages().isEmpty)
    }

    @Test("S3, S4: a relay's claim excludes other relays until its lease lapses; a message deferred again while claimed survives the release")
    func leases() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock, instanceId: "relay-a")
        defer { withExtendedLifetime(directory) {} }
        let other = try StateStore(
            location: TestState.location(forPath: directory.path("state.sqlite")),
            options: testOptions(clock: clock, instanceId: "relay-b"))
        let queues = ["ticket-updater.work"]
        for id in ["a", "b", "c"] {
            try await store.deferMessage(
                queue: "ticket-updater.work", messageId: id, headers: Self.json("{}"), body: Self.json("{}"), delay: 5,
                deferredBy: "ticket-updater@1")
        }
        clock.advance(by: 5)
        let taken = try await store.claimDueDeferredMessages(queues: queues, limit: 2, lease: 30)
        #expect(taken.map(\.messageId) == ["a", "b"])
        let rest = try await other.claimDueDeferredMessages(queues: queues, lease: 30)
        #expect(rest.map(\.messageId) == ["c"], "the other relay gets only what is not leased")
        #expect(try await other.claimDueDeferredMessages(queues: queues).isEmpty)

        // Relay a dies without releasing: after its lease the other relay takes its rows (and
        // its own, whose lease lapsed too).
        clock.advance(by: 30)
        let retaken = try await other.claimDueDeferredMessages(queues: queues)
        #expect(retaken.map(\.messageId) == ["a", "b", "c"])

        // "a" is deferred again before the release: the release keeps the new row.
        try await store.deferMessage(
            queue: "ticket-updater.work", messageId: "a", headers: Self.json("{}"), body: Self.json("{}"), delay: 60,
            deferredBy: "ticket-updater@1")
        try await other.releaseDeferredMessages(retaken)
        #expect(try await store.deferredMessages().map(\.messageId) == ["a"])
    }

    @Test("S5: headers or a body that are not JSON are refused naming the field, and nothing is stored")
    func refusesNonJSON() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        await #expect(throws: StateStoreError.invalidJSON(field: "body")) {
            try await store.deferMessage(
                queue: "provisioner.work", messageId: "m", headers: Self.json("{}"), body: Self.json("not json"),
                delay: 5, deferredBy: "provisioner@1")
        }
        await #expect(throws: StateStoreError.invalidJSON(field: "headers")) {
            try await store.deferMessage(
                queue: "provisioner.work", messageId: "m", headers: Self.json("{"), body: Self.json("{}"), delay: 5,
                deferredBy: "provisioner@1")
        }
        #expect(try await store.deferredMessages().isEmpty)
    }
}
