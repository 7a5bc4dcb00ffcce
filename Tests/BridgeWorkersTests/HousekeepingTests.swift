import BridgeState
import Foundation
import BridgeTestSupport
import Testing

@testable import BridgeWorkers

@Suite("Housekeeping: the state database stays bounded")
struct HousekeepingTests {
    static func store(clock: TestClock) throws -> (StateStore, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("housekeeping-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var options = StateStore.Options()
        options.clock = { clock.now }
        return (try StateStore(location: TestState.location(forPath: directory.appendingPathComponent("state.sqlite").path), options: options), directory)
    }

    static func handle(_ store: StateStore, _ key: String) async throws {
        _ = try await store.claimMessage(worker: "ticket-updater", messageId: key, idempotencyKey: key)
        _ = try await store.claimEffect(key: "effect:\(key)", kind: "ticket.create", target: key)
        try await store.completeEffect(
            key: "effect:\(key)", externalRef: "1", result: nil,
            audit: AuditEntry(worker: "ticket-updater", action: "ticket.create", targetSystem: "connectwise", targetId: key, reason: "test"))
        try await store.completeMessage(worker: "ticket-updater", idempotencyKey: key)
    }

    @Test("old handled messages, finished effects, tick claims and heartbeats go; new ones, in-progress rows and every audit entry stay")
    func prunesOldRows() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_790_000_000))
        let (store, directory) = try Self.store(clock: clock)
        defer { try? FileManager.default.removeItem(at: directory) }
        for index in 0..<3 { try await Self.handle(store, "old-\(index)") }
        _ = try await store.claimMessage(worker: "ticket-updater", messageId: "stuck", idempotencyKey: "stuck")
        try await store.recordHeartbeat(worker: "provisioner", tickSlot: "slot-1", instanceId: "gone")
        _ = try await store.claimTickSlot(worker: "provisioner", slot: "slot-1")
        clock.advance(days: 50)
        try await Self.handle(store, "new")
        try await store.recordHeartbeat(worker: "provisioner", tickSlot: "slot-2", instanceId: "live")

        let housekeeping = Housekeeping(store: store, clock: { clock.now })
        let report = try #require(try await housekeeping.runIfDue())
        #expect(report.inboxRows == 3)
        #expect(report.effects == 3)
        #expect(report.tickClaims == 1)
        #expect(report.heartbeats == 1)
        #expect(try await store.inboxEntry(worker: "ticket-updater", idempotencyKey: "old-0") == nil)
        #expect(try await store.inboxEntry(worker: "ticket-updater", idempotencyKey: "new")?.status == .done)
        #expect(try await store.inboxEntry(worker: "ticket-updater", idempotencyKey: "stuck") != nil, "a message in progress is never pruned")
        #expect(try await store.auditEntries(limit: 100).count == 4, "audit entries are kept")
        #expect(try await store.workerHeartbeats().map(\.instanceId) == ["live"])
        #expect(report.bytesAfter > 0)
        try store.close()
    }

    @Test("it runs at most once an hour per state file, whichever process asks first, and again when due")
    func oncePerInterval() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_790_000_000))
        let (store, directory) = try Self.store(clock: clock)
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = Housekeeping(store: store, clock: { clock.now })
        let second = Housekeeping(store: store, clock: { clock.now })
        async let a = first.runIfDue()
        async let b = second.runIfDue()
        let reports = try await [a, b]
        #expect(reports.compactMap { $0 }.count == 1, "two processes at once: one runs")
        #expect(try await first.runIfDue() == nil, "not due again within the hour")
        clock.advance(seconds: 3_599)
        #expect(try await second.runIfDue() == nil)
        clock.advance(seconds: 2)
        #expect(try await second.runIfDue() != nil, "due an hour after the last run")
        try store.close()
    }
}
