import APIClients
import BridgeRules
import Foundation
import Synchronization
import Testing

@testable import BridgeWorkers

@Suite("UsageReportCache: one past-period report per tick slot (B4)")
struct UsageReportCacheTests {
    static let window = UsageReportWindow(
        first: try! CalendarDay(year: 2026, month: 11, day: 1), last: try! CalendarDay(year: 2026, month: 11, day: 30),
        includesToday: false)
    static let slot = Date(timeIntervalSince1970: 1_796_000_400)

    static func row(_ value: Decimal) -> AcronisUsageReportRow {
        let figures = AcronisUsageFigures(production: value, trial: 0, total: value)
        return AcronisUsageReportRow(tenantID: "t", name: "pw_base_workstations", absolute: figures, delta: figures, effective: figures)
    }

    struct Flaky: Error {}

    @Test("reads of one slot at the same moment share one request; another slot or period reads again")
    func sharedPerSlot() async throws {
        let cache = UsageReportCache()
        let requests = Mutex(0)
        let read: @Sendable () async throws -> [AcronisUsageReportRow] = {
            requests.withLock { $0 += 1 }
            try await Task.sleep(for: .milliseconds(50))
            return [Self.row(7)]
        }
        let results = try await withThrowingTaskGroup(of: [AcronisUsageReportRow].self) { group in
            for _ in 0..<10 { group.addTask { try await cache.rows(partnerID: "P", window: Self.window, slot: Self.slot, read: read) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 10 && results.allSatisfy { $0 == [Self.row(7)] })
        #expect(requests.withLock { $0 } == 1, "ten reads, one report")
        // The same slot a fraction of a second off (a message's slot is whole seconds) is the same report.
        _ = try await cache.rows(partnerID: "p", window: Self.window, slot: Self.slot.addingTimeInterval(0.4), read: read)
        #expect(requests.withLock { $0 } == 1)
        _ = try await cache.rows(partnerID: "P", window: Self.window, slot: Self.slot.addingTimeInterval(900), read: read)
        #expect(requests.withLock { $0 } == 2, "the next tick reads a new report, so late corrections arrive")
        let october = UsageReportWindow(
            first: try CalendarDay(year: 2026, month: 10, day: 1), last: try CalendarDay(year: 2026, month: 10, day: 31),
            includesToday: false)
        _ = try await cache.rows(partnerID: "P", window: october, slot: Self.slot, read: read)
        #expect(requests.withLock { $0 } == 3)
        #expect(await cache.reads == 3)
    }

    @Test("a failed read is not kept: the next read of the slot asks again")
    func failureNotKept() async throws {
        let cache = UsageReportCache()
        let attempts = Mutex(0)
        let read: @Sendable () async throws -> [AcronisUsageReportRow] = {
            let attempt = attempts.withLock { value -> Int in
                value += 1
                return value
            }
            if attempt == 1 { throw Flaky() }
            return [Self.row(3)]
        }
        await #expect(throws: Flaky.self) { try await cache.rows(partnerID: "P", window: Self.window, slot: Self.slot, read: read) }
        #expect(try await cache.rows(partnerID: "P", window: Self.window, slot: Self.slot, read: read) == [Self.row(3)])
        #expect(attempts.withLock { $0 } == 2)
    }

    @Test("at most `capacity` reports are kept, the oldest given up first, and none past `maxAge`")
    func bounded() async throws {
        let start = ContinuousClock.now
        let elapsed = Mutex(Duration.zero)
        let cache = UsageReportCache(maxAge: .seconds(60), capacity: 2) { start + elapsed.withLock { $0 } }
        let requests = Mutex(0)
        let read: @Sendable () async throws -> [AcronisUsageReportRow] = {
            requests.withLock { $0 += 1 }
            return []
        }
        for offset in 0..<3 {
            elapsed.withLock { $0 += .seconds(1) }
            _ = try await cache.rows(partnerID: "P", window: Self.window, slot: Self.slot.addingTimeInterval(Double(offset) * 900), read: read)
        }
        #expect(requests.withLock { $0 } == 3)
        _ = try await cache.rows(partnerID: "P", window: Self.window, slot: Self.slot, read: read)
        #expect(requests.withLock { $0 } == 4, "the oldest slot was given up for the third")
        _ = try await cache.rows(partnerID: "P", window: Self.window, slot: Self.slot, read: read)
        #expect(requests.withLock { $0 } == 4, "the newest is kept")
        elapsed.withLock { $0 += .seconds(59) }
        _ = try await cache.rows(partnerID: "P", window: Self.window, slot: Self.slot, read: read)
        #expect(requests.withLock { $0 } == 4, "younger than maxAge: kept")
        elapsed.withLock { $0 += .seconds(2) }
        _ = try await cache.rows(partnerID: "P", window: Self.window, slot: Self.slot, read: read)
        #expect(requests.withLock { $0 } == 5, "older than maxAge: read again")
    }
}
