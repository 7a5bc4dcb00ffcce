import BridgeCore
import BridgeRules
import BridgeState
import Foundation
import Logging

/// The provisioner's handler (SPEC P1-P7).
///
/// - `sync.tick`: reads every company, its lines, the tenants and the mappings in bulk
///   (``ProvisioningReader/snapshot()``), plans each company, and publishes one
///   `provision.company` per company whose plan has something to do. A tick where nothing
///   changed publishes nothing and writes nothing outside the state database.
/// - `provision.company`: reads that company afresh, plans, and carries the plan out
///   (``ProvisioningApplier``). A failure for one company is recorded on its mapping (P7);
///   a transient one is retried (deferred, then redelivered), any other is left for the next tick.
/// - While the "product mapping and provisioning" feature is off, both do nothing.
public struct ProvisionerHandler: MessageHandler {
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

    /// The handler of a provisioner process.
    public static func make(environment: WorkerEnvironment, clients: APIClientPool) -> ProvisionerHandler {
        ProvisionerHandler(
            store: environment.store,
            settings: SettingsCache(repository: SettingsRepository(store: environment.store, catalog: environment.catalog)),
            provider: ProvisioningProvider(clients: clients), bus: environment.bus)
    }

    public func handle(_ message: Message, context: HandlerContext) async throws {
        let current = try await settings.required().settings
        guard current.features.provisioning else {
            context.logger.info("product mapping and provisioning is off; \(message.type.rawValue) skipped")
            return
        }
        do {
            let job = try await provider.context(for: current)
            switch message {
            case .syncTick(let tick):
                try await self.tick(job, slot: tick.payload.slot, logger: context.logger)
            case .provisionCompany(let envelope):
                guard envelope.payload.psa == current.psa else {
                    throw HandlerFailure.permanent(
                        "provision.company for \(envelope.payload.psa.displayName), but the settings connect \(current.psa.displayName)")
                }
                try await provision(
                    job, companyID: envelope.payload.companyId, messageKey: envelope.idempotencyKey,
                    messageID: envelope.messageId.uuidString.lowercased(), worker: context.worker.rawValue, logger: context.logger)
            default:
                throw HandlerFailure.permanent("the provisioner handles sync.tick and provision.company, not \(message.type.rawValue)")
            }
        } catch {
            throw HandlerFailure.classify(error)
        }
    }

    // MARK: Tick

    /// What a tick did.
    public struct TickReport: Sendable, Equatable {
        public var companies = 0
        public var published = 0
        public var companiesMissing = 0
        /// The idempotency keys of the published messages.
        public var publishedKeys: [String] = []
    }

    /// Plans every company and publishes a `provision.company` for each with something to do.
    @discardableResult
    public func tick(_ job: ProvisioningProvider.Context, slot: Date, logger: Logger) async throws -> TickReport {
        let now = clock()
        let reader = ProvisioningReader(psa: job.psa, cloud: job.cloud, setup: job.setup, store: store)
        var report = TickReport()
        var messages: [OutboundMessage] = []
        let read = try await reader.forEachEntry(now: now) { entry in
            let company = entry.facts.company
            if entry.mapping == nil || entry.mapping?.companyTypes != company.typeNames {
                // New, or its types changed (the console filters by them): one write, not one a tick.
                _ = try await store.recordCompany(
                    psa: job.setup.psa, companyId: company.id, name: company.name, types: company.typeNames)
            }
            let plan = ProvisioningPlanner.plan(entry.facts, settings: job.setup.planner, now: now)
            guard Self.hasWork(plan, mapping: entry.mapping) else { return }
            let command = ProvisionCompany(psa: job.setup.psa, companyId: entry.facts.company.id, action: .sync, tickSlot: slot)
            let message = Message.provisionCompany(Envelope(payload: command))
            messages.append(OutboundMessage(message))
            report.publishedKeys.append(message.idempotencyKey)
            report.published += 1
            // Handed on as the read goes; a tick tried again publishes the same keys, which the
            // handlers' inbox takes once.
            if messages.count == 500 {
                try await bus.publish(messages)
                messages.removeAll(keepingCapacity: true)
            }
        }
        if !messages.isEmpty { try await bus.publish(messages) }
        report.companies = read.companies
        for mapping in read.companiesMissing {
            _ = try await store.markCompanyMissing(
                psa: mapping.psa, companyId: mapping.companyId, reason: "the PSA no longer lists the company")
            report.companiesMissing += 1
        }
        logger.info(
            "provisioning tick: \(report.companies) companies read, \(report.published) to provision, \(report.companiesMissing) missing")
        return report
    }

    /// Whether a plan has something to carry out or record: a write, a mapping or clock change,
    /// or problems other than the ones already on the mapping.
    static func hasWork(_ plan: ProvisioningPlan, mapping: CompanyMapping?) -> Bool {
        guard plan.outOfScope == nil || !plan.changes.isEmpty || plan.mapping != .unchanged else { return false }
        if !plan.changes.isEmpty || plan.mapping != .unchanged || plan.deprovisioning != nil { return true }
        let problems = plan.problems.map(\.description)
        return (problems.isEmpty ? nil : problems.joined(separator: "; ")) != mapping?.syncError
    }

    // MARK: Preview

    /// The plans this handler would carry out now (``ProvisioningPreview``).
    public func preview(
        _ job: ProvisioningProvider.Context, companyID: String? = nil
    ) async throws -> [ProvisioningPreview.Item] {
        try await ProvisioningPreview(store: store, clock: clock).plans(job, companyID: companyID)
    }

    // MARK: One company

    /// Plans one company afresh and carries the plan out.
    @discardableResult
    public func provision(
        _ job: ProvisioningProvider.Context, companyID: String, messageKey: String, messageID: String?, worker: String,
        logger: Logger
    ) async throws -> ProvisioningPlan? {
        let now = clock()
        let reader = ProvisioningReader(psa: job.psa, cloud: job.cloud, setup: job.setup, store: store)
        var logger = logger
        logger[metadataKey: "company"] = "\(companyID)"
        guard let entry = try await reader.entry(companyID: companyID, now: now) else {
            if let mapping = try await store.companyMapping(psa: job.setup.psa, companyId: companyID),
                mapping.status == .mapped
            {
                _ = try await store.markCompanyMissing(
                    psa: mapping.psa, companyId: companyID, reason: "the PSA no longer has the company")
            }
            logger.info("the PSA has no company \(companyID); nothing provisioned")
            return nil
        }
        let plan = ProvisioningPlanner.plan(entry.facts, settings: job.setup.planner, now: now)
        let applier = ProvisioningApplier(
            cloud: job.cloud, adminPassword: job.adminPassword, contracts: job.psa as? any ContractServiceSync, setup: job.setup,
            store: store,
            runner: EffectRunner(store: store, clock: clock),
            worker: worker, messageKey: messageKey, messageID: messageID, logger: logger)
        do {
            let report = try await applier.apply(plan, entry: entry)
            logger.info(
                "company provisioned", metadata: ["writes": "\(report.performed)", "found": "\(report.found)", "skipped": "\(report.skipped)"])
        } catch let taken as TenantNameTaken {
            // The operator's call, not a retry's: the mapping says so until it is mapped or renamed.
            _ = try await store.recordCompany(psa: job.setup.psa, companyId: companyID, name: entry.facts.company.name)
            _ = try await store.markMappingFailed(psa: job.setup.psa, companyId: companyID, error: taken.description)
            logger.warning("new tenant refused: name taken", metadata: ["error": "\(taken)"])
        } catch {
            let verdict = HandlerFailure.classify(error)
            if case HandlerFailure.configuration = verdict { throw verdict }
            _ = try? await store.recordCompany(psa: job.setup.psa, companyId: companyID, name: entry.facts.company.name)
            _ = try? await store.recordCompanySyncError(
                psa: job.setup.psa, companyId: companyID, error: "provisioning failed: \(verdict)")
            guard HandlerFailure.staysOnCompany(verdict) else { throw verdict }
            logger.error("provisioning failed; recorded on the mapping and tried again next tick", metadata: ["error": "\(verdict)"])
        }
        return plan
    }
}
