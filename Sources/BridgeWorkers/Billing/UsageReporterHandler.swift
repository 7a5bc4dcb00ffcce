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
///   recorded on its mapping (P7): a transient one is retried (deferred, then redelivered), any other
///   is left for the next tick.
/// - While billing is off, both do nothing.
public struct UsageReporterHandler: MessageHandler {
    public var store: StateStore
    public var settings: SettingsCache
    public var provider: ProvisioningProvider
    public var bus: any MessageBus
    public var clock: @Sendable () -> Date
    /// Past periods' usage reports, one per tick slot for the tick and the messages it hands on.
    public let reports = UsageReportCache()

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

    /// The job for the current settings.
    public func job(for current: BridgeSettings) async throws -> BillingJob {
        try await BillingJob.make(for: current, provider: provider, store: store, reports: reports)
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
                    slot: payload.tickSlot, messageKey: envelope.idempotencyKey,
                    messageID: envelope.messageId.uuidString.lowercased(), worker: context.worker.rawValue, logger: context.logger)
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
    public func tick(_ job: BillingJob, slot: Date, logger: Logger) async throws -> TickReport {
        let today = CalendarDay(containing: clock())
        var report = TickReport()
        guard case .report(let window) = job.period.decision(on: today) else {
            if case .notDue(let next) = job.period.decision(on: today) {
                logger.info("usage tick: nothing to report today; the next report is due on \(next)")
            }
            return report
        }
        report.period = window.label
        // A batch of mapped companies at a time: read, plan, publish, so the tick's memory holds
        // one batch whatever the number of customers.
        try await job.reader.forEachBatch(window: window, slot: slot, now: clock()) { entries in
            report.tenants += entries.count
            var messages: [OutboundMessage] = []
            for entry in entries {
                let plan = job.plan(entry, window: window)
                let problems = Self.problemText(plan)
                guard !plan.changes.isEmpty || problems != entry.mapping.billingError else { continue }
                let command = UsageTenant(
                    psa: job.writer.kind, tenantId: entry.tenantID, companyId: entry.mapping.companyId, tickSlot: slot,
                    periodStart: CalendarDate(window.first), periodEnd: CalendarDate(window.last))
                let message = Message.usageTenant(Envelope(payload: command))
                messages.append(OutboundMessage(message))
                report.publishedKeys.append(message.idempotencyKey)
            }
            if !messages.isEmpty { try await bus.publish(messages) }
            report.published += messages.count
        }
        logger.info("usage tick: period \(window.label), \(report.tenants) mapped tenants read, \(report.published) to write")
        return report
    }

    static func problemText(_ plan: BillingPlan) -> String? {
        plan.problems.isEmpty ? nil : "billing: " + plan.problems.map(\.description).joined(separator: "; ")
    }

    // MARK: Preview

    /// Today's plans, without writing anything (``BillingPreview``).
    public func preview(_ job: BillingJob, companyID: String? = nil) async throws -> [BillingPreview.Item] {
        try await BillingPreview(store: store, clock: clock).plans(job, companyID: companyID)
    }

    // MARK: One tenant

    /// Plans one tenant afresh for `window` and writes its changed lines.
    @discardableResult
    public func report(
        _ job: BillingJob, companyID: String, tenantID: String, window: UsageReportWindow, slot: Date? = nil, messageKey: String,
        messageID: String?, worker: String, logger: Logger
    ) async throws -> BillingPlan? {
        var logger = logger
        logger[metadataKey: "company"] = "\(companyID)"
        logger[metadataKey: "tenant"] = "\(tenantID)"
        guard let entry = try await job.reader.entry(companyID: companyID, tenantID: tenantID, window: window, slot: slot, now: clock())
        else {
            logger.info("company \(companyID) is no longer mapped to tenant \(tenantID), or the tenant is gone; nothing billed")
            return nil
        }
        let plan = job.plan(entry, window: window)
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
            guard HandlerFailure.staysOnCompany(verdict) else { throw verdict }
            logger.error("billing failed; recorded on the mapping and tried again next tick", metadata: ["error": "\(verdict)"])
        }
        return plan
    }
}
