import Foundation
import Testing

@testable import BridgeState

@Suite("Cursors, skip counters, heartbeats, integration status, deprovisioning clocks, usage reports")
struct SmallTablesTests {
    @Test("named cursors: set, read, compare-and-set")
    func cursors() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        #expect(try await store.cursor("alerts") == nil)
        #expect(try await store.setCursor("alerts", to: "2026-11-22T02:00:00Z", ifCurrentValueIs: nil))
        #expect(try await store.setCursor("alerts", to: "other", ifCurrentValueIs: nil) == false)
        clock.advance(by: 5)
        #expect(
            try await store.setCursor("alerts", to: "2026-11-22T02:15:00Z", ifCurrentValueIs: "2026-11-22T02:00:00Z"))
        #expect(try await store.setCursor("alerts", to: "stale", ifCurrentValueIs: "2026-11-22T02:00:00Z") == false)
        let cursor = try #require(try await store.cursor("alerts"))
        #expect(cursor.value == "2026-11-22T02:15:00Z")
        #expect(cursor.updatedAt == clock.now)
        try await store.setCursor("usage", to: "x")
        #expect(try await store.cursors().map(\.name) == ["alerts", "usage"])
    }

    @Test("T5 skip counters add up per reason and alert type")
    func skipCounters() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        let start = clock.now
        try await store.incrementSkipCounter(reason: .unmappedTenant, alertType: "BackupFailed")
        clock.advance(by: 10)
        try await store.incrementSkipCounter(reason: .unmappedTenant, alertType: "BackupFailed", by: 2)
        try await store.incrementSkipCounter(reason: .unmappedTenant, alertType: "QuotaExceeded")
        try await store.incrementSkipCounter(reason: .disabledAlertType, alertType: "QuotaExceeded")
        let counters = try await store.skipCounters()
        let backup = try #require(counters.first { $0.reason == .unmappedTenant && $0.alertType == "BackupFailed" })
        #expect(backup.count == 3)
        #expect(backup.firstAt == start)
        #expect(backup.lastAt == clock.now)
        #expect(try await store.skipTotals() == [.unmappedTenant: 4, .disabledAlertType: 1])
        await #expect(throws: StateStoreError.invalidArgument(field: "count", reason: "must be positive")) {
            try await store.incrementSkipCounter(reason: .unmappedTenant, alertType: "x", by: 0)
        }
    }

    @Test("S1 heartbeats keep each instance's last tick slot and last seen time")
    func heartbeats() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock, instanceId: "host-1-aaaa")
        defer { withExtendedLifetime(directory) {} }
        let started = clock.now
        try await store.recordHeartbeat(worker: "provisioner", tickSlot: "2026-11-22T02:15Z")
        clock.advance(by: 30)
        try await store.recordHeartbeat(worker: "provisioner")
        try await store.recordHeartbeat(worker: "provisioner", instanceId: "host-2-bbbb")
        let beats = try await store.workerHeartbeats()
        #expect(beats.count == 2)
        let mine = try #require(beats.first { $0.instanceId == "host-1-aaaa" })
        #expect(mine.lastTickSlot == "2026-11-22T02:15Z")
        #expect(mine.startedAt == started)
        #expect(mine.lastSeenAt == clock.now)
        clock.advance(by: 3600)
        try await store.recordHeartbeat(worker: "provisioner")
        #expect(try await store.pruneHeartbeats(notSeenFor: 600) == 1)
        #expect(try await store.workerHeartbeats().map(\.instanceId) == ["host-1-aaaa"])
    }

    @Test("S1 integration status keeps since-when across repeated errors and resets on recovery")
    func integrationStatus() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        #expect(try await store.integrationStatus() == nil)
        let okSince = clock.now
        _ = try await store.recordIntegrationStatus(.ok)
        clock.advance(by: 60)
        #expect(try await store.recordIntegrationStatus(.ok).since == okSince)
        let errorSince = clock.now
        _ = try await store.recordIntegrationStatus(.error, message: "PSA 401 Unauthorized")
        clock.advance(by: 60)
        let still = try await store.recordIntegrationStatus(.error, message: "PSA 401 again")
        #expect(still.since == errorSince)
        #expect(still.message == "PSA 401 again")
        clock.advance(by: 60)
        let recovered = try await store.recordIntegrationStatus(.ok)
        #expect(recovered.since == clock.now)
        #expect(recovered.message == nil)
        #expect(try await store.integrationStatuses().count == 1)
    }

    @Test("P6 deprovisioning clock: start once, steps recorded once, stop resets")
    func deprovisioningClock() async throws {
        let clock = ManualClock()
        let (store, directory) = try makeStore(clock: clock)
        defer { withExtendedLifetime(directory) {} }
        let started = clock.now
        let clockRow = try await store.startDeprovisioningClock(tenantId: "t-1", psa: .connectWise, companyId: "9")
        #expect(clockRow.startedAt == started)
        #expect(try await store.recordDeprovisioningStep(.quotasZeroed, tenantId: "t-1").quotasZeroedAt == started)
        clock.advance(by: 10 * 86_400)
        // Starting again (the next tick) keeps the original start.
        #expect(
            try await store.startDeprovisioningClock(tenantId: "t-1", psa: .connectWise, companyId: "9").startedAt
                == started)
        let disabled = try await store.recordDeprovisioningStep(.disabled, tenantId: "t-1")
        #expect(disabled.disabledAt == clock.now)
        clock.advance(by: 60)
        #expect(try await store.recordDeprovisioningStep(.disabled, tenantId: "t-1").disabledAt == disabled.disabledAt)
        #expect(try await store.deprovisioningClocks().map(\.tenantId) == ["t-1"])
        // A line came back: the clock stops, and the caller learns the tenant was disabled.
        let stopped = try #require(try await store.stopDeprovisioningClock(tenantId: "t-1"))
        #expect(stopped.disabledAt != nil)
        #expect(try await store.deprovisioningClock(tenantId: "t-1") == nil)
        #expect(try await store.stopDeprovisioningClock(tenantId: "t-1") == nil)
        await #expect(throws: StateStoreError.deprovisioningClockNotFound(tenantId: "t-1")) {
            try await store.recordDeprovisioningStep(.deleted, tenantId: "t-1")
        }
    }

    @Test("B8 usage reports keep the last quantity per line and period, exactly")
    func usageReports() async throws {
        let (store, directory) = try makeStore()
        defer { withExtendedLifetime(directory) {} }
        #expect(try await store.usageReport(psa: .autotask, lineId: "cs-5", period: "2026-11") == nil)
        let quantity = Decimal(string: "12.345678901234567")!
        _ = try await store.recordUsageWritten(
            psa: .connectWise, lineId: "add-1", period: "2026-11", quantity: quantity)
        #expect(
            try await store.usageReport(psa: .connectWise, lineId: "add-1", period: "2026-11")?.quantity == quantity)
        _ = try await store.recordUsageWritten(
            psa: .autotask, lineId: "cs-5", period: "2026-10", quantity: 3, adjustmentEffectKey: "adj:cs-5:2026-10:3")
        let report = try await store.recordUsageWritten(
            psa: .autotask, lineId: "cs-5", period: "2026-11", quantity: 7, adjustmentEffectKey: "adj:cs-5:2026-11:7")
        #expect(report.quantity == 7)
        #expect(report.adjustmentEffectKey == "adj:cs-5:2026-11:7")
        #expect(try await store.usageReports(psa: .autotask, lineId: "cs-5").map(\.period) == ["2026-11", "2026-10"])
        await #expect(throws: StateStoreError.invalidArgument(field: "quantity", reason: "must be a finite number")) {
            try await store.recordUsageWritten(psa: .autotask, lineId: "cs-5", period: "2026-11", quantity: .nan)
        }
    }
}
