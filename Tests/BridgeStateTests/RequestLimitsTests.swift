import Foundation
import Testing

@testable import BridgeState

@Suite("Fleet-wide request slots and budget")
struct RequestLimitsTests {
    @Test("slots: at most the limit held at once per scope; a release frees one; scopes are apart")
    func slotsUpToLimit() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        var held: [StateStore.RequestSlotLease] = []
        for _ in 0..<3 {
            held.append(try #require(try await store.takeRequestSlot(scope: "autotask:Tickets", limit: 3, holder: "a", ttl: 60)))
        }
        #expect(Set(held.map(\.slot)) == [0, 1, 2])
        #expect(try await store.takeRequestSlot(scope: "autotask:Tickets", limit: 3, holder: "b", ttl: 60) == nil)
        #expect(try await store.requestSlotHolders(scope: "autotask:Tickets").count == 3)
        #expect(try await store.takeRequestSlot(scope: "autotask:Companies", limit: 3, holder: "b", ttl: 60) != nil)

        try await store.releaseRequestSlot(token: held[1].token)
        let next = try #require(try await store.takeRequestSlot(scope: "autotask:Tickets", limit: 3, holder: "b", ttl: 60))
        #expect(next.slot == 1)
        // A lowered limit leaves the higher slots unused.
        try await store.releaseRequestSlot(token: held[2].token)
        #expect(try await store.takeRequestSlot(scope: "autotask:Tickets", limit: 2, holder: "b", ttl: 60) == nil)
    }

    @Test("slots: a lease that lapsed is taken over, and its first holder's late release does not free the new holder's")
    func lapsedLeases() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        let killed = try #require(try await store.takeRequestSlot(scope: "s", limit: 1, holder: "killed", ttl: 90))
        clock.advance(by: 89)
        #expect(try await store.takeRequestSlot(scope: "s", limit: 1, holder: "b", ttl: 90) == nil)
        clock.advance(by: 1)
        let taken = try #require(try await store.takeRequestSlot(scope: "s", limit: 1, holder: "b", ttl: 90))
        try await store.releaseRequestSlot(token: killed.token)
        #expect(try await store.requestSlotHolders(scope: "s").count == 1, "the late release left the new lease alone")
        try await store.releaseRequestSlot(token: taken.token)
        #expect(try await store.requestSlotHolders(scope: "s").count == 0)
    }

    @Test("slots: a restarted instance frees what its killed predecessor held, and only that")
    func leftoversOfAnInstance() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        _ = try await store.takeRequestSlot(scope: "s", limit: 3, holder: "worker-1", ttl: 90)
        _ = try await store.takeRequestSlot(scope: "t", limit: 3, holder: "worker-1", ttl: 90)
        _ = try await store.takeRequestSlot(scope: "s", limit: 3, holder: "worker-2", ttl: 90)
        #expect(try await store.releaseRequestSlots(holder: "worker-1") == 2)
        #expect(try await store.requestSlotHolders(scope: "s").count == 1)
        #expect(try await store.requestSlotHolders(scope: "t").count == 0)
    }

    @Test("budget: requests counted up to the limit per window; then the wait until the oldest minute leaves it")
    func budget() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_020))  // 20 s into a minute
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        for _ in 0..<4 { #expect(try await store.spendRequestBudget(scope: "autotask", limit: 6, window: 3600) == nil) }
        clock.advance(by: 600)
        for _ in 0..<2 { #expect(try await store.spendRequestBudget(scope: "autotask", limit: 6, window: 3600) == nil) }
        let wait = try #require(try await store.spendRequestBudget(scope: "autotask", limit: 6, window: 3600))
        // The first four count until an hour after the start of their minute: 3600 - 20 - 600 s from now.
        #expect(abs(wait - 2980) < 0.001)
        #expect(try await store.requestBudgetSpent(scope: "autotask", window: 3600) == 6)
        #expect(try await store.spendRequestBudget(scope: "other", limit: 6, window: 3600) == nil, "scopes are apart")
        clock.advance(by: wait)
        #expect(try await store.requestBudgetSpent(scope: "autotask", window: 3600) == 2)
        #expect(try await store.spendRequestBudget(scope: "autotask", limit: 6, window: 3600) == nil)
    }

    @Test("four stores racing: the budget counts exactly its limit and the slots never hold more than theirs (either backend; queued on PostgreSQL, not aborted)")
    func racingProcesses() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        let stores = try [store] + (1..<4).map { index in
            try StateStore(location: store.location, options: testOptions(instanceId: "racer-\(index)"))
        }
        let spent = try await withThrowingTaskGroup(of: Int.self) { group in
            for racer in stores {
                for _ in 0..<10 {
                    group.addTask {
                        var counted = 0
                        for _ in 0..<5 where try await racer.spendRequestBudget(scope: "race", limit: 120, window: 3600) == nil {
                            counted += 1
                        }
                        return counted
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(spent == 120, "200 requests against a budget of 120: \(spent) counted")
        #expect(try await store.requestBudgetSpent(scope: "race", window: 3600) == 120)

        let most = try await withThrowingTaskGroup(of: Int.self) { group in
            for (index, racer) in stores.enumerated() {
                for task in 0..<5 {
                    group.addTask {
                        var most = 0
                        for _ in 0..<10 {
                            guard let lease = try await racer.takeRequestSlot(scope: "race", limit: 3, holder: "h\(index).\(task)", ttl: 60)
                            else { continue }
                            most = max(most, try await racer.requestSlotHolders(scope: "race").count)
                            try await racer.releaseRequestSlot(token: lease.token)
                        }
                        return most
                    }
                }
            }
            return try await group.reduce(0, max)
        }
        #expect((1...3).contains(most), "at most 3 slots held at once (\(most) seen)")
        #expect(try await store.requestSlotHolders(scope: "race").isEmpty, "every slot released")
    }

    @Test("bad arguments are refused with the field named")
    func badArguments() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        await #expect(throws: StateStoreError.self) { try await store.takeRequestSlot(scope: "", limit: 3, holder: "a", ttl: 60) }
        await #expect(throws: StateStoreError.self) { try await store.takeRequestSlot(scope: "s", limit: 0, holder: "a", ttl: 60) }
        await #expect(throws: StateStoreError.self) { try await store.spendRequestBudget(scope: "s", limit: 10, window: 1) }
    }
}
