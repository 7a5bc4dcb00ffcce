import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import Foundation
import Logging

/// The usage-reporter's handler (SPEC B1-B8).
///
/// - `sync.tick`: decides the period to report today (B4; nothing on a day a custom billing
///   month does not report), reads every mapped tenant's usage and its company's lines in bulk
///   (``BillingReader/snapshot(window:)``), plans each (``BillingPlanner``), and publishes one
///   `usage.tenant` per tenant with a line to write. A tick where no usage changed publishes
///   nothing and writes nothing outside the state database.
/// - `usage.tenant`: reads that tenant and company afresh for the message's period, plans, and
///   writes each changed line exactly once (``BillingApplier``). A failure for one tenant is
///   recorded on its mapping (P7): a transient one is retried through the delay queues, any other
///   is left for the next tick.
/// - While billing is off, both do nothing.
public struct UsageReporterHandler: MessageHandler {
    public var store: StateStore
    public var settings: SettingsCache
    public var provider: ProvisioningProvider
    public var bus: any MessageBus
    public var clock: @Sendable () -> Date

    public init(
        store: StateStore, settings: SettingsCache, provider: ProvisioningProvider, bus: any MessageBus,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.settings = settings
        self.provider = provider
        self.bus = bus
        self.clock = clock
    }

    /// The handler of a usage-reporter process.
    public static func make(environment: WorkerEnvironment, clients: APIClientPool) -> UsageReporterHandler {
        UsageReporterHandler(
            store: environment.store,
            settings: SettingsCache(repository: SettingsRepository(store: environment.store, catalog: environment.catalog)),
            provider: ProvisioningProvider(clients: clients), bus: environment.bus)
    }

    /// What billing works with: the mapping context and the PSA's writes.
    public struct Job: Sendable {
        public var context: ProvisioningProvider.Context
        public var writer: any BillingPSA
        public var period: ReportingPeriod
        public var reader: BillingReader
    }

    /// The job for the current settings.
    public func job(for current: BridgeSettings) async throws -> Job {
        let context = try await provider.context(for: current)
        let writer: any BillingPSA
        switch try await provider.clients.psa(current.connection) {
        case .connectWise(let client): writer = ConnectWiseBilling(client: client)
        case .autotask(let client): writer = AutotaskBilling(client: client)
        }
        return Job(
            context: context, writer: writer, period: try Self.period(current.usagePeriod),
            reader: BillingReader(psa: context.psa, cloud: context.cloud.client, setup: context.setup, store: store))
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

    public func handle(_ message: Message, context: HandlerContext) async throws {
        let current = try await settings.required().settings
        guard current.features.billing else {
            context.logger.info("billing is off; \(message.type.rawValue) skipped")
            return
        }
        do {
            let job = try await job(for: current)
            switch message {
            case .syncTick(let tick):
                try await self.tick(job, slot: tick.payload.slot, logger: context.logger)
            case .usageTenant(let envelope):
                let payload = envelope.payload
                guard payload.psa == current.psa else {
                    throw HandlerFailure.permanent(
                        "usage.tenant for \(payload.psa.displayName), but the settings connect \(current.psa.displayName)")
                }
                try await report(
                    job, companyID: payload.companyId, tenantID: payload.tenantId,
                    window: try Self.window(payload.periodStart, payload.periodEnd, today: CalendarDay(containing: clock())),
                    messageKey: envelope.idempotencyKey, messageID: envelope.messageId.uuidString.lowercased(),
                    worker: context.worker.rawValue, logger: context.logger)
            default:
                throw HandlerFailure.permanent("the usage-reporter handles sync.tick and usage.tenant, not \(message.type.rawValue)")
            }
        } catch {
            throw HandlerFailure.classify(error)
        }
    }

    /// A message's period as the rules' window: it includes today when it has not ended.
    static func window(_ start: CalendarDate, _ end: CalendarDate, today: CalendarDay) throws -> UsageReportWindow {
        do {
            let first = try CalendarDay(year: start.year, month: start.month, day: start.day)
            let last = try CalendarDay(year: end.year, month: end.month, day: end.day)
            return UsageReportWindow(first: first, last: min(last, today), includesToday: last >= today)
        } catch {
            throw HandlerFailure.permanent("usage.tenant period \(start)…\(end): \(error)")
        }
    }

    // MARK: Tick

    /// What a tick did.
    public struct TickReport: Sendable, Equatable {
        /// The period reported; nil on a day nothing is due.
        public var period: String?
        public var tenants = 0
        public var published = 0
        public var publishedKeys: [String] = []
    }

    /// Plans every mapped tenant for today's period and publishes a `usage.tenant` for each
    /// with a line to write.
    @discardableResult
    public func tick(_ job: Job, slot: Date, logger: Logger) async throws -> TickReport {
        let today = CalendarDay(containing: clock())
        var report = TickReport()
        guard case .report(let window) = job.period.decision(on: today) else {
            if case .notDue(let next) = job.period.decision(on: today) {
                logger.info("usage tick: nothing to report today; the next report is due on \(next)")
            }
            return report
        }
        report.period = window.label
        let entries = try await job.reader.snapshot(window: window)
        report.tenants = entries.count
        var messages: [OutboundMessage] = []
        for entry in entries {
            let plan = BillingPlanner.plan(
                usage: entry.usage, lines: entry.lines, mappings: job.context.setup.planner.mappings, psa: job.writer.kind,
                window: window)
            let problems = Self.problemText(plan)
            guard !plan.changes.isEmpty || problems != entry.mapping.billingError else { continue }
            let command = UsageTenant(
                psa: job.writer.kind, tenantId: entry.tenantID, companyId: entry.mapping.companyId, tickSlot: slot,
                periodStart: CalendarDate(window.first), periodEnd: CalendarDate(window.last))
            let message = Message.usageTenant(Envelope(payload: command))
            messages.append(OutboundMessage(message))
            report.publishedKeys.append(message.idempotencyKey)
        }
        for start in stride(from: 0, to: messages.count, by: 500) {
            try await bus.publish(Array(messages[start..<min(start + 500, messages.count)]))
        }
        report.published = messages.count
        logger.info("usage tick: period \(window.label), \(report.tenants) mapped tenants read, \(report.published) to write")
        return report
    }

    static func problemText(_ plan: BillingPlan) -> String? {
        plan.problems.isEmpty ? nil : "billing: " + plan.problems.map(\.description).joined(separator: "; ")
    }

    // MARK: Preview

    /// Today's plans, without writing anything (`bridgectl billing preview`): every mapped
    /// company, or one.
    public func preview(_ job: Job, companyID: String? = nil) async throws -> [(entry: BillingReader.Entry, plan: BillingPlan)] {
        let today = CalendarDay(containing: clock())
        let window: UsageReportWindow
        switch job.period.decision(on: today) {
        case .report(let due): window = due
        case .notDue:
            // Between reports of a custom billing month: the month the last report covered.
            guard case .report(let last) = job.period.decision(on: Self.lastReportDay(job.period, today: today)) else {
                return []
            }
            window = last
        }
        let entries: [BillingReader.Entry]
        if let companyID {
            guard let mapping = try await store.companyMapping(psa: job.context.setup.psa, companyId: companyID),
                let tenant = mapping.tenantId, mapping.status == .mapped
            else {
                throw BillingPreviewError.notMapped(companyID)
            }
            entries = try await job.reader.entry(companyID: companyID, tenantID: tenant, window: window).map { [$0] } ?? []
        } else {
            entries = try await job.reader.snapshot(window: window)
        }
        return entries.map { entry in
            (
                entry,
                BillingPlanner.plan(
                    usage: entry.usage, lines: entry.lines, mappings: job.context.setup.planner.mappings,
                    psa: job.writer.kind, window: window)
            )
        }
    }

    /// The last day on or before `today` a custom billing month reported.
    static func lastReportDay(_ period: ReportingPeriod, today: CalendarDay) -> CalendarDay {
        guard case .customBillingMonth(let start) = period else { return today }
        let thisMonth = today.firstOfMonth.adding(days: start.value - 1)
        return thisMonth <= today ? thisMonth : thisMonth.adding(months: -1)
    }

    // MARK: One tenant

    /// Plans one tenant afresh for `window` and writes its changed lines.
    @discardableResult
    public func report(
        _ job: Job, companyID: String, tenantID: String, window: UsageReportWindow, messageKey: String, messageID: String?,
        worker: String, logger: Logger
    ) async throws -> BillingPlan? {
        var logger = logger
        logger[metadataKey: "company"] = "\(companyID)"
        logger[metadataKey: "tenant"] = "\(tenantID)"
        guard let entry = try await job.reader.entry(companyID: companyID, tenantID: tenantID, window: window) else {
            logger.info("company \(companyID) is no longer mapped to tenant \(tenantID), or the tenant is gone; nothing billed")
            return nil
        }
        let plan = BillingPlanner.plan(
            usage: entry.usage, lines: entry.lines, mappings: job.context.setup.planner.mappings, psa: job.writer.kind,
            window: window)
        let applier = BillingApplier(
            writer: job.writer, store: store, runner: EffectRunner(store: store, clock: clock), worker: worker,
            messageKey: messageKey, messageID: messageID, clock: clock)
        do {
            let result = try await applier.apply(plan)
            _ = try await store.recordCompanyBillingError(
                psa: job.context.setup.psa, companyId: companyID, error: Self.problemText(plan))
            logger.info(
                "usage written", metadata: [
                    "period": "\(window.label)", "writes": "\(result.written)", "found": "\(result.found)",
                    "skipped": "\(result.skipped)",
                ])
        } catch {
            let verdict = HandlerFailure.classify(error)
            if case HandlerFailure.configuration = verdict { throw verdict }
            _ = try? await store.recordCompanyBillingError(
                psa: job.context.setup.psa, companyId: companyID, error: "billing failed: \(verdict)")
            if case HandlerFailure.transient = verdict { throw verdict }
            logger.error("billing failed; recorded on the mapping and tried again next tick", metadata: ["error": "\(verdict)"])
        }
        return plan
    }
}

/// Why `bridgectl billing preview --company` cannot preview a company.
public enum BillingPreviewError: Error, CustomStringConvertible {
    case notMapped(String)

    public var description: String {
        switch self {
        case .notMapped(let id): "company \(id) is not mapped to a tenant; map it first (bridgectl map company \(id) --new or --tenant ID)"
        }
    }
}
