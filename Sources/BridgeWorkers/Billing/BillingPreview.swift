import BridgeRules
import BridgeState
import Foundation

/// What the usage-reporter would write now, without writing anything (`bridgectl billing
/// preview`, the console): the same reader and planner as the worker, stopping before the
/// effects. For every mapped company, or one read afresh as the `usage.tenant` handler reads it.
public struct BillingPreview: Sendable {
    public var store: StateStore
    public var clock: @Sendable () -> Date

    public init(store: StateStore, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.clock = clock
    }

    /// One company's plan.
    public struct Item: Sendable {
        public var entry: BillingReader.Entry
        public var plan: BillingPlan
    }

    /// The period to preview on `today`: the one due today, or between two reports of a custom
    /// billing month, the one the last report covered.
    public static func window(_ period: ReportingPeriod, today: CalendarDay) -> UsageReportWindow? {
        if case .report(let due) = period.decision(on: today) { return due }
        guard case .customBillingMonth(let start) = period else { return nil }
        let thisMonth = today.firstOfMonth.adding(days: start.value - 1)
        let last = thisMonth <= today ? thisMonth : thisMonth.adding(months: -1)
        if case .report(let window) = period.decision(on: last) { return window }
        return nil
    }

    public func plans(_ job: BillingJob, companyID: String? = nil) async throws -> [Item] {
        let now = clock()
        guard let window = Self.window(job.period, today: CalendarDay(containing: now)) else { return [] }
        let entries: [BillingReader.Entry]
        if let companyID {
            guard let mapping = try await store.companyMapping(psa: job.context.setup.psa, companyId: companyID),
                let tenant = mapping.tenantId, mapping.status == .mapped
            else {
                throw BillingPreviewError.notMapped(companyID)
            }
            entries = try await job.reader.entry(companyID: companyID, tenantID: tenant, window: window, now: now).map { [$0] } ?? []
        } else {
            entries = try await job.reader.snapshot(window: window, now: now)
        }
        return entries.map { Item(entry: $0, plan: job.plan($0, window: window)) }
    }
}

/// Why `bridgectl billing preview --company` cannot preview a company.
public enum BillingPreviewError: Error, CustomStringConvertible {
    case notMapped(String)

    public var description: String {
        switch self {
        case .notMapped(let id):
            "company \(id) is not mapped to a tenant; map it first (bridgectl map company \(id) --new or --tenant ID)"
        }
    }
}
