import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import BridgeValues
import Foundation
import Logging

/// Turns cloud alerts into `ticket.command`s (SPEC T1-T5, acronis-api 11.5).
///
/// One poll:
/// 1. reads the alerts changed since the cursor (new, recurring, dismissed; every page);
/// 2. coalesces each alert key's changes to its final state (``AlertCoalescer``);
/// 3. routes each key with ``AlertFilter``: mapped tenant (company mapping status Mapped, on the
///    settings' PSA), enabled alert type, ticket creation on;
/// 4. publishes one command per key and occurrence, with publisher confirms;
/// 5. moves the cursor with compare-and-set, only after the broker confirmed every command;
/// 6. counts the skipped alerts by reason and type (T5), only when it moved the cursor, so a
///    window two instances both read is counted once.
///
/// Two instances may poll at once: both may publish the same commands, which the
/// ticket-updater's inbox deduplicates (the idempotency key is the action, alert key and
/// occurrence); only one moves the cursor. A crash after publishing and before moving the
/// cursor republishes the same commands on the next poll, with the same effect.
/// Within a process, polls do not overlap: a poll asked for while one runs waits for it.
public actor AlertPoller {
    public let store: StateStore
    public let settings: SettingsCache
    public let clients: APIClientPool
    public let bus: any MessageBus
    public let logger: Logger
    public let status: IntegrationStatusRecorder
    /// Most commands per confirmed publish.
    public var publishBatch = 500
    private var running: Task<AlertPollReport, any Error>?
    /// The alert types the cloud lists, read when an alert's type has no ticket setting and
    /// kept for ``alertTypesMaxAge`` (T5 tells "not enabled" from "unknown" by it).
    private var cloudAlertTypes: (types: Set<String>, at: ContinuousClock.Instant)?
    public var alertTypesMaxAge: Duration = .seconds(600)

    public init(store: StateStore, settings: SettingsCache, clients: APIClientPool, bus: any MessageBus, logger: Logger) {
        self.store = store
        self.settings = settings
        self.clients = clients
        self.bus = bus
        self.logger = logger
        self.status = IntegrationStatusRecorder(store: store, component: "alerts")
    }

    /// Polls once (or waits for the poll in progress and returns its report).
    @discardableResult
    public func poll() async throws -> AlertPollReport {
        if let running { return try await running.value }
        let task = Task { try await self.pollOnce() }
        running = task
        defer { running = nil }
        do {
            let report = try await task.value
            await status.ok()
            return report
        } catch {
            await status.error("alert poll failed: \(error)")
            throw error
        }
    }

    /// The alert types the cloud lists (cached); empty when they cannot be read, so an alert of a
    /// type without a setting then counts as unknown rather than stopping the poll.
    private func listedAlertTypes(_ acronis: AcronisClient) async -> Set<String> {
        let now = ContinuousClock.now
        if let cloudAlertTypes, now - cloudAlertTypes.at < alertTypesMaxAge { return cloudAlertTypes.types }
        do {
            let types = try await acronis.allAlertTypeIDs()
            cloudAlertTypes = (types, now)
            return types
        } catch {
            logger.warning("cannot read the cloud's alert types", metadata: ["error": "\(error)"])
            return []
        }
    }

    private func pollOnce() async throws -> AlertPollReport {
        guard let (version, current) = try await settings.current() else {
            logger.info("no settings applied yet; alert poll skipped")
            return AlertPollReport(outcome: .noSettings)
        }
        let cursor = try await store.cursor(AlertCursor.name)
        let position = try cursor.map { try AlertCursorPosition(storedValue: $0.value) }
        let acronis = try await clients.acronis(current.connection)
        let alerts = try await acronis.alerts(updatedAfter: position?.queryCursor)
        var seen = Set<String>()
        let fresh = alerts.filter { alert in
            guard !(position?.alreadyHandled(alert) ?? false) else { return false }
            return seen.insert("\(alert.id.lowercased())@\(alert.updatedAtNanoseconds ?? 0)").inserted
        }

        var report = AlertPollReport(outcome: .polled, settingsVersion: version, read: fresh.count)
        var changes: [AlertChange] = []
        for alert in fresh {
            do {
                changes.append(try AlertChange(alert))
            } catch {
                logger.warning("alert skipped: \(error)")
                report.skipped[SkipTally(reason: Self.malformed, alertType: alert.type), default: 0] += 1
            }
        }
        let coalesced = AlertCoalescer.coalesce(
            changes, key: { $0.key.stableString }, trigger: \.trigger, changedAt: \.alert.updatedAt)
        report.coalesced = changes.count - coalesced.count

        let psa = current.psa
        let mapped = try await mappedCompanies(psa: psa)
        let alertTypes = Dictionary(
            current.tickets.alertTypes.map { ($0.alertType, $0.enabled) }, uniquingKeysWith: { first, _ in first })
        let needsCloudTypes = current.features.tickets && coalesced.contains {
            $0.trigger == .open && alertTypes[$0.latest.alert.type] == nil
        }
        let cloudTypes = needsCloudTypes ? await listedAlertTypes(acronis) : []
        var messages: [OutboundMessage] = []
        for change in coalesced {
            let latest = change.latest
            let route = AlertFilter.route(
                trigger: change.trigger, alertType: latest.alert.type, mappedCompanyID: mapped[latest.tenantId],
                alertTypes: alertTypes, ticketsEnabled: current.features.tickets, cloudAlertTypes: cloudTypes)
            switch route {
            case .publish(let companyID):
                let command = TicketCommand(
                    psa: psa, action: latest.action, alert: latest.alert, tenantId: latest.tenantId, companyId: companyID)
                let message = Message.ticketCommand(Envelope(payload: command))
                messages.append(OutboundMessage(message))
                report.publishedKeys.append(message.idempotencyKey)
            case .skip(let reason):
                report.skipped[SkipTally(reason: reason.rawValue, alertType: latest.alert.type), default: 0] += 1
            }
        }
        for start in stride(from: 0, to: messages.count, by: publishBatch) {
            try await bus.publish(Array(messages[start..<min(start + publishBatch, messages.count)]))
        }
        report.published = messages.count

        let next = AlertCursorPosition.after(alerts, from: position)
            ?? AlertCursorPosition(updatedAtNanoseconds: 0, boundaryIDs: [])
        report.movedCursor = try await store.setCursor(
            AlertCursor.name, to: next.storedValue, ifCurrentValueIs: cursor?.value)
        if report.movedCursor {
            for (tally, count) in report.skipped {
                try await store.incrementSkipCounter(
                    reason: SkipReason(rawValue: tally.reason), alertType: tally.alertType, by: count)
            }
        } else {
            logger.info("another alert-consumer moved the cursor first; its poll counts the skips")
        }
        if report.read > 0 {
            logger.info(
                "alert poll: \(report.read) read, \(report.published) commands published, \(report.skipped.values.reduce(0, +)) skipped, \(report.coalesced) coalesced")
        }
        return report
    }

    /// Tenant id (lower-cased) → PSA company id, for companies mapped on `psa`.
    private func mappedCompanies(psa: PSAKind) async throws -> [String: String] {
        var result: [String: String] = [:]
        for mapping in try await store.companyMappings(psa: psa, status: .mapped) {
            if let tenant = mapping.tenantId { result[tenant.lowercased()] = mapping.companyId }
        }
        return result
    }

    /// The skip reason of alerts that cannot become commands (no tenant, no `updatedAt`).
    public static let malformed = "malformed-alert"
}

/// A skip count's reason and alert type.
public struct SkipTally: Sendable, Hashable {
    public var reason: String
    public var alertType: String
}

/// What one alert poll did.
public struct AlertPollReport: Sendable {
    public enum Outcome: Sendable, Equatable { case noSettings, polled }
    public var outcome: Outcome
    public var settingsVersion: Int64?
    /// Alert changes read (not counting those the cursor already covered).
    public var read = 0
    /// Changes folded into a later change of the same alert key.
    public var coalesced = 0
    /// Commands published (and confirmed by the broker).
    public var published = 0
    /// Their idempotency keys.
    public var publishedKeys: [String] = []
    /// Skipped alert keys by reason and alert type (T5).
    public var skipped: [SkipTally: Int] = [:]
    /// Whether this poll moved the cursor (false when another instance did first).
    public var movedCursor = false

    public init(outcome: Outcome, settingsVersion: Int64? = nil, read: Int = 0) {
        self.outcome = outcome
        self.settingsVersion = settingsVersion
        self.read = read
    }
}
