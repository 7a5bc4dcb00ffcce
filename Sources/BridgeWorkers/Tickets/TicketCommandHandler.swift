import BridgeCore
import BridgeRules
import BridgeState
import Foundation

/// The ticket-updater's handler (SPEC T1-T4): takes a `ticket.command`, loads the settings in
/// force, resolves the ticket settings against the PSA (cached), and lets a ``TicketWriter``
/// decide and write.
///
/// Failures: rate limits and 5xx are transient (deferred for a retry, honouring
/// `Retry-After`); no settings yet, a name in the settings the PSA does not have, a secret that
/// does not resolve and credentials the PSA refuses are configuration failures (the worker
/// pauses, the command stays queued); a 4xx or a command for the other PSA are permanent
/// (dead-lettered with the reason, replayable once fixed).
/// A command that arrives while ticket creation is switched off writes nothing and is counted
/// as skipped (`tickets-feature-off`).
public struct TicketCommandHandler: MessageHandler {
    public var store: StateStore
    public var settings: SettingsCache
    public var provider: TicketingProvider
    public var status: IntegrationStatusRecorder
    public var clock: @Sendable () -> Date

    public init(
        store: StateStore, settings: SettingsCache, provider: TicketingProvider, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.settings = settings
        self.provider = provider
        self.status = IntegrationStatusRecorder(store: store, component: "tickets")
        self.clock = clock
    }

    /// The handler of a ticket-updater process, with its own clients.
    public static func make(environment: WorkerEnvironment, clients: APIClientPool) -> TicketCommandHandler {
        TicketCommandHandler(
            store: environment.store,
            settings: SettingsCache(repository: SettingsRepository(store: environment.store, catalog: environment.catalog)),
            provider: TicketingProvider(clients: clients))
    }

    public func handle(_ message: Message, context: HandlerContext) async throws {
        guard case .ticketCommand(let envelope) = message else {
            throw HandlerFailure.permanent("the ticket-updater handles ticket.command only, not \(message.type.rawValue)")
        }
        let command = envelope.payload
        let (version, current) = try await settings.required()
        guard current.features.tickets else {
            context.logger.info("ticket creation is off in settings version \(version); command skipped")
            try await store.incrementSkipCounter(
                reason: SkipReason(rawValue: AlertSkipReason.ticketsFeatureOff.rawValue), alertType: command.alert.type)
            return
        }
        guard command.psa == current.psa else {
            throw HandlerFailure.permanent(
                "command for \(command.psa.displayName), but settings version \(version) connect \(current.psa.displayName)")
        }
        var logger = context.logger
        logger[metadataKey: "alert.key"] = "\(command.alertKey.stableString)"
        logger[metadataKey: "occurrence"] = "\(command.occurrence)"
        do {
            let (port, resolved) = try await provider.port(for: current)
            let writer = TicketWriter(
                command: command, idempotencyKey: envelope.idempotencyKey,
                messageId: envelope.messageId.uuidString.lowercased(), port: port, settings: resolved,
                billing: { [provider] company in
                    await provider.billingReference(port: port, companyID: company, settings: resolved)
                },
                store: store,
                clock: clock, logger: logger)
            let decision = try await writer.run()
            logger.debug("ticket command applied", metadata: ["decision": "\(decision)"])
            await status.ok()
        } catch {
            // A secret that does not resolve, names the PSA does not have, or refused credentials
            // come out as configuration failures, which pause the worker (and are recorded for
            // `bridgectl status` by its readiness) rather than fail this command.
            throw HandlerFailure.classify(error)
        }
    }
}
