import APIClients
import BridgeRules
import Foundation

/// The rows of past periods' usage reports (B4), kept per partner, period and tick slot: the
/// usage-reporter's tick and every `usage.tenant` message it hands on read one report between
/// them instead of one each (N + 1 reports on a day with N tenants to write). A new tick is a new
/// slot and reads a new report, so a late correction in the cloud reaches the next tick. Reads
/// of one key at the same moment share one request; a failed read is not kept.
public actor UsageReportCache {
    struct Key: Hashable {
        var partnerID: String
        var first: CalendarDay
        var last: CalendarDay
        var slot: Date
    }

    /// How long a report's rows are kept (a message retried later than this reads a new one).
    public let maxAge: Duration
    /// The most reports kept at once.
    public let capacity: Int
    private var entries: [Key: (task: Task<[AcronisUsageReportRow], any Error>, at: ContinuousClock.Instant)] = [:]
    /// How many reports were read through the cache (for tests and metrics).
    public private(set) var reads = 0
    /// The time a report's age is measured on (a test steps it instead of sleeping).
    private let now: @Sendable () -> ContinuousClock.Instant

    public init(
        maxAge: Duration = .seconds(30 * 60), capacity: Int = 4,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.maxAge = maxAge
        self.capacity = max(1, capacity)
        self.now = now
    }

    /// The report rows for `partnerID`, `window` and `slot`: kept ones, or `read()`'s.
    func rows(
        partnerID: String, window: UsageReportWindow, slot: Date,
        read: @escaping @Sendable () async throws -> [AcronisUsageReportRow]
    ) async throws -> [AcronisUsageReportRow] {
        let now = self.now()
        entries = entries.filter { now - $0.value.at < maxAge }
        let key = Key(
            partnerID: partnerID.lowercased(), first: window.first, last: window.last,
            slot: Date(timeIntervalSince1970: slot.timeIntervalSince1970.rounded(.down)))
        if let kept = entries[key] {
            return try await value(of: kept.task, key: key, at: kept.at)
        }
        while entries.count >= capacity, let oldest = entries.min(by: { $0.value.at < $1.value.at }) {
            entries[oldest.key] = nil
        }
        reads += 1
        let task = Task { try await read() }
        entries[key] = (task, now)
        return try await value(of: task, key: key, at: now)
    }

    private func value(
        of task: Task<[AcronisUsageReportRow], any Error>, key: Key, at: ContinuousClock.Instant
    ) async throws -> [AcronisUsageReportRow] {
        do {
            return try await task.value
        } catch {
            if entries[key]?.at == at { entries[key] = nil }
            throw error
        }
    }
}
