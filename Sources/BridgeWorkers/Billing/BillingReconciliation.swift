import BridgeCore
import BridgeRules
import BridgeState
import Foundation

/// `bridgectl billing reconcile` and the console: per mapped company and mapped product, the
/// cloud usage of a calendar month in the PSA's units against the quantity each PSA line holds
/// now, the difference, and lines on one side only (``BillingReconciler``). The usage-reporter's
/// own reader and planner (``BillingJob``), stopping before any write.
///
/// The month's window: the current month is the 1st ... today (live usage, as the current-month
/// period reports it); a past month is the whole month, read by ``BillingReader`` from a usage
/// report; a month that has not begun is refused.
public struct BillingReconciliation: Sendable {
    public var store: StateStore
    public var clock: @Sendable () -> Date

    public init(store: StateStore, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.clock = clock
    }

    /// One mapped company's rows.
    public struct Company: Sendable {
        public var companyID: String
        public var companyName: String?
        public var tenantID: String
        public var rows: [ReconciliationLine]
    }

    /// The reconciliation of one month.
    public struct Report: Sendable {
        public var month: CalendarMonth
        /// The period as billing labels it (`YYYY-MM`).
        public var period: String
        public var window: UsageReportWindow
        /// Every mapped company read, in the reader's order.
        public var companies: [Company]
        /// Companies mapped in the state database whose tenant the cloud no longer has (not read).
        public var notRead: [String]
        /// Set when the configured usage period (B4) is not the month reconciled as it runs: the
        /// PSA lines then hold the last period billing reported, so rows may differ by design.
        public var periodNote: String?
    }

    /// Reads and compares `month` for every mapped company.
    /// - Throws: ``BillingReconciliationError`` for a month that has not begun, or whose usage
    ///   the reader cannot read; what the reads throw otherwise.
    public func run(_ job: BillingJob, month: CalendarMonth) async throws -> Report {
        let now = clock()
        let today = CalendarDay(containing: now)
        guard let window = month.usageWindow(today: today) else {
            throw BillingReconciliationError.notBegun(month: month, today: today)
        }
        let entries: [BillingReader.Entry]
        do {
            entries = try await job.reader.snapshot(window: window, now: now)
        } catch let failure as HandlerFailure where !window.includesToday {
            throw BillingReconciliationError.usageUnavailable(month: month, reason: Self.message(failure))
        }
        let mappings = job.context.setup.planner.mappings
        let companies = entries.map { entry in
            Company(
                companyID: entry.mapping.companyId, companyName: entry.mapping.companyName, tenantID: entry.tenantID,
                rows: BillingReconciler.compare(
                    plan: job.plan(entry, window: window), usage: entry.usage, lines: entry.lines, mappings: mappings,
                    psa: job.writer.kind))
        }
        let read = Set(entries.map(\.mapping.companyId))
        let mapped = try await store.companyMappings(psa: job.context.setup.psa, status: .mapped).filter { $0.tenantId != nil }
        return Report(
            month: month, period: window.label, window: window, companies: companies,
            notRead: mapped.map(\.companyId).filter { !read.contains($0) }, periodNote: Self.periodNote(job.period, window: window))
    }

    /// Why the PSA lines may hold another period than `window` (B4).
    static func periodNote(_ period: ReportingPeriod, window: UsageReportWindow) -> String? {
        switch period {
        case .currentMonth where window.includesToday: return nil
        case .currentMonth:
            return "billing reports the current month: lines hold this month's usage, not that of \(window.label)"
        case .previousMonth:
            return "billing reports the previous calendar month: lines hold that month's usage"
        case .customBillingMonth(let start):
            return "billing reports a custom billing month starting on day \(start.value): lines hold the last such month reported"
        }
    }

    static func message(_ failure: HandlerFailure) -> String {
        switch failure {
        case .permanent(let text), .configuration(let text), .transient(let text, _): text
        default: failure.description
        }
    }

    // MARK: CSV

    /// The CSV header.
    public static let columns = [
        "company_id", "company_name", "tenant_id", "period", "kind", "product_id", "offering_item", "storage_usage", "line_id",
        "contract_id", "usage", "unit", "cloud_quantity", "psa_quantity", "difference", "note",
    ]

    /// The report's rows as CSV fields, in ``columns`` order.
    public static func records(_ report: Report) -> [[String]] {
        report.companies.flatMap { company in
            company.rows.map { row in
                [
                    company.companyID, company.companyName ?? "", company.tenantID, report.period, row.kind.rawValue,
                    String(row.productID), row.item?.description ?? "", row.usageClass?.rawValue ?? "",
                    row.lineID.map(String.init) ?? "", row.contractID.map(String.init) ?? "", row.usage?.description ?? "",
                    row.unit?.rawValue ?? "", row.cloudQuantity?.description ?? "", row.psaQuantity?.description ?? "",
                    row.difference.description, row.note,
                ]
            }
        }
    }

    /// The report as one RFC 4180 CSV document.
    public static func csv(_ report: Report) -> String {
        CSVWriter(header: columns).document(records(report))
    }
}

/// Why a month cannot be reconciled.
public enum BillingReconciliationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The month lies after today: there is no usage yet.
    case notBegun(month: CalendarMonth, today: CalendarDay)
    /// The reader cannot read the month's usage (a past month needs the usage report).
    case usageUnavailable(month: CalendarMonth, reason: String)

    public var description: String {
        switch self {
        case .notBegun(let month, let today):
            "\(month) has not begun (today is \(today) UTC): there is no usage to reconcile yet"
        case .usageUnavailable(let month, let reason):
            "the cloud usage of \(month) cannot be read: \(reason)"
        }
    }
}
