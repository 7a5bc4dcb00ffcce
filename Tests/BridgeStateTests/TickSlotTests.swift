import Foundation
import BridgeTestSupport
import Testing

@testable import BridgeState

@Suite("Tick slots (S2)")
struct TickSlotTests {
    @Test("S2 a tick slot is claimed once per worker, across six stores racing on one file")
    func claimedOnceAcrossPools() async throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let path = directory.path("state.sqlite")
        let stores = try (0..<6).map { try StateStore(location: TestState.location(forPath: path), options: testOptions(instanceId: "pool-\($0)")) }
        let slots = (0..<20).map { "2026-11-22T\(String(format: "%02d", $0)):15Z" }
        let wins = try await withThrowingTaskGroup(of: [String].self) { group in
            for store in stores {
                group.addTask {
                    var won: [String] = []
                    for slot in slots.shuffled() where try await store.claimTickSlot(worker: "provisioner", slot: slot)
                    {
                        won.append(slot)
                    }
                    return won
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(wins.sorted() == slots.sorted())
        // Another worker claims the same slot independently.
        #expect(try await stores[0].claimTickSlot(worker: "usage-reporter", slot: slots[0]))
    }

    @Test("S2 two schedulers publish each slot once; a scheduler back after downtime publishes the current slot once")
    func publication() async throws {
        let directory = try TemporaryDirectory()
        defer { withExtendedLifetime(directory) {} }
        let path = directory.path("state.sqlite")
        let a = try StateStore(location: TestState.location(forPath: path), options: testOptions(instanceId: "scheduler-a"))
        let b = try StateStore(location: TestState.location(forPath: path), options: testOptions(instanceId: "scheduler-b"))
        let slot1 = Date(timeIntervalSince1970: 1_800_000_000)
        let slot2 = slot1.addingTimeInterval(900)
        let current = slot1.addingTimeInterval(6 * 900)

        async let fromA = a.claimTickPublication(slot: slot1)
        async let fromB = b.claimTickPublication(slot: slot1)
        let results = try await [fromA, fromB]
        #expect(results.filter { $0 }.count == 1)

        #expect(try await b.claimTickPublication(slot: slot2))
        #expect(try await a.claimTickPublication(slot: slot2) == false)
        // An older slot is never published after a newer one.
        #expect(try await a.claimTickPublication(slot: slot1) == false)
        // Back after five missed slots: only the current one.
        #expect(try await a.claimTickPublication(slot: current))
        #expect(try await b.claimTickPublication(slot: current) == false)
        let last = try #require(try await b.lastPublishedTick())
        #expect(last.slot == current)
        #expect(last.publishedBy == "scheduler-a")
    }

    @Test("old tick claims are pruned")
    func pruning() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        #expect(try await store.claimTickSlot(worker: "w", slot: "s1"))
        clock.advance(by: 86_400)
        #expect(try await store.claimTickSlot(worker: "w", slot: "s2"))
        #expect(try await store.pruneTickClaims(olderThan: 3600) == 1)
        #expect(try await store.claimTickSlot(worker: "w", slot: "s2") == false)
    }
}
