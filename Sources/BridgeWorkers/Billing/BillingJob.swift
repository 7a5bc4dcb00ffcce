import BridgeCore
import BridgeRules
import BridgeState

/// What billing works with (SPEC B1-B8): the product mappings resolved against the PSA and the
/// cloud (shared with provisioning, ``ProvisioningProvider``), the PSA's writes, the reporting
/// period and the reader. The usage-reporter, `bridgectl billing preview` and `reconcile` make
/// it the same way.
public struct BillingJob: Sendable {
    public var context: ProvisioningProvider.Context
    public var writer: any BillingPSA
    public var period: ReportingPeriod
    public var reader: BillingReader

    /// The job for `settings`.
    /// - Throws: what resolving the mappings throws; ``HandlerFailure/configuration(_:)`` for a
    ///   usage period the rules refuse.
    /// - Parameter reports: past periods' usage reports shared by the reads of one tick slot
    ///   (the usage-reporter's, kept for the process); nil reads a report of its own.
    public static func make(
        for settings: BridgeSettings, provider: ProvisioningProvider, store: StateStore, reports: UsageReportCache? = nil
    ) async throws -> BillingJob {
        let context = try await provider.context(for: settings)
        let writer: any BillingPSA
        switch try await provider.clients.psa(settings.connection) {
        case .connectWise(let client): writer = ConnectWiseBilling(client: client)
        case .autotask(let client): writer = AutotaskBilling(client: client)
        }
        return BillingJob(
            context: context, writer: writer, period: try period(settings.usagePeriod),
            reader: BillingReader(
                psa: context.psa, cloud: context.cloud.client, setup: context.setup, store: store, reports: reports))
    }

    /// The rules' period for the settings' (B4).
    static func period(_ settings: UsagePeriodSettings) throws -> ReportingPeriod {
        switch settings.mode {
        case .currentMonth: return .currentMonth
        case .previousMonth: return .previousMonth
        case .custom:
            do {
                return .customBillingMonth(startDay: try BillingStartDay(settings.startDay))
            } catch {
                throw HandlerFailure.configuration("usagePeriod.startDay: \(error)")
            }
        }
    }

    /// The plan of one entry for `window`.
    public func plan(_ entry: BillingReader.Entry, window: UsageReportWindow) -> BillingPlan {
        BillingPlanner.plan(
            usage: entry.usage, lines: entry.lines, mappings: context.setup.planner.mappings, psa: writer.kind, window: window)
    }
}
