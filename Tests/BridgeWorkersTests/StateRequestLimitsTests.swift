import BridgeState
import Foundation
import BridgeTestSupport
import Testing

@testable import BridgeWorkers

@Suite("Fleet-wide Autotask limits kept in the state")
struct StateRequestLimitsTests {
    static func store() throws -> (StateStore, URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("request-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (try StateStore(location: TestState.location(forPath: directory.appendingPathComponent("state.sqlite").path)), directory)
    }

    /// The pid of a process that ran and exited.
    static func exitedPID() throws -> pid_t {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("a holder is gone only when it names this host and a pid that no longer runs")
    func goneHolders() throws {
        let host = StateRequestLimits.host
        let exited = try Self.exitedPID()
        #expect(StateRequestLimits.isGone("worker-1@\(host)#\(exited)"))
        #expect(!StateRequestLimits.isGone("worker-1@\(host)#\(getpid())"), "this process runs")
        #expect(!StateRequestLimits.isGone("worker-1@another-host.example#\(exited)"), "another host's process cannot be checked")
        #expect(!StateRequestLimits.isGone("worker-1"), "a holder without host and pid is left to its lease")
        #expect(!StateRequestLimits.isGone("a@b@\(host)#0"))
    }

    @Test("S3: when every slot is held, the slots of a killed process on this host are taken at once, not after the lease")
    func killedHoldersFreed() async throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dead = "ticket-updater@\(StateRequestLimits.host)#\(try Self.exitedPID())"
        for _ in 0..<3 {
            _ = try #require(try await store.takeRequestSlot(scope: StateRequestLimits.slotScope("Tickets"), limit: 3, holder: dead, ttl: 90))
        }
        let limits = StateRequestLimits(store: store, instance: "survivor")
        let token = try #require(try await limits.takeSlot(endpoint: "Tickets", limit: 3))
        #expect(try await store.requestSlotHolders(scope: StateRequestLimits.slotScope("Tickets")) == [limits.holder])
        await limits.releaseSlot(token)
        #expect(try await store.requestSlotHolders(scope: StateRequestLimits.slotScope("Tickets")).count == 0)

        // A live holder on another host keeps its slots until the lease lapses.
        for _ in 0..<3 {
            _ = try await store.takeRequestSlot(scope: StateRequestLimits.slotScope("Tickets"), limit: 3, holder: "x@elsewhere#1", ttl: 90)
        }
        #expect(try await limits.takeSlot(endpoint: "Tickets", limit: 3) == nil)
    }

    @Test("S3: the fleet budget is one per state: two limit holders spend from the same count")
    func oneBudget() async throws {
        let (store, directory) = try Self.store()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = StateRequestLimits(store: store, instance: "a")
        let second = StateRequestLimits(store: store, instance: "b")
        #expect(try await first.spendRequest(limit: 3, window: .seconds(3600)) == nil)
        #expect(try await second.spendRequest(limit: 3, window: .seconds(3600)) == nil)
        #expect(try await first.spendRequest(limit: 3, window: .seconds(3600)) == nil)
        let wait = try #require(try await second.spendRequest(limit: 3, window: .seconds(3600)))
        #expect(wait > .seconds(3500) && wait <= .seconds(3600))
    }
}
