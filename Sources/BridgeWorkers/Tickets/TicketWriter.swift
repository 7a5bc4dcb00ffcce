import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import BridgeValues
import Foundation
import Logging

/// Applies one `ticket.command` to the PSA (SPEC T1-T4): reads the key's ticket as the PSA has it
/// now, decides with ``TicketDecision/decide(trigger:link:policy:now:)``, and carries the decision
/// out with one effect row per PSA write, then records the ticket link.
///
/// Effect keys:
/// - a ticket create is keyed by the alert key and the ticket's generation (0 for the key's
///   first ticket, n for the n-th replacement), not by the message: two occurrences of one key
///   handled at the same time by two instances share the key, so only one creates and the other
///   waits, then adds a note (T4: one ticket, whatever the concurrency);
/// - a note or a status change is keyed by the command's idempotency key and the step, so a
///   command adds at most one note and one status change, whatever the redeliveries.
///
/// Decisions where the SPEC is silent:
/// - A ticket the PSA no longer has (deleted) is replaced by a new one on the next occurrence;
///   a resolve for it does nothing.
/// - An `open` whose occurrence is already the key's last recorded one was applied before (a
///   redelivery after the inbox lost its row): nothing is written.
/// - The PSA's view wins over the link: a ticket a technician closed counts as closed from the
///   time the PSA gives (T2); one a technician re-opened counts as open.
struct TicketWriter: Sendable {
    let command: TicketCommand
    let idempotencyKey: String
    let messageId: String
    let port: any TicketingPSA
    let settings: ResolvedTicketSettings
    /// The agreement or contract a new ticket references (T1).
    let billing: @Sendable (Int) async -> BillingReference?
    let store: StateStore
    let clock: @Sendable () -> Date
    let logger: Logger

    /// The link's key in the state database.
    var linkKey: String { command.alertKey.stableString }
    var externalReference: String { command.alertKey.externalReference(for: command.psa) }
    var trigger: TicketTrigger { command.action == .open ? .open : .resolve }

    /// What the PSA and the link say about the key's ticket.
    struct Current {
        var link: TicketLinkState
        var stored: TicketLink?
        /// The linked ticket no longer exists in the PSA.
        var deleted = false
    }

    /// Decides and carries out the command; returns the decision that was carried out.
    func run() async throws -> TicketDecision {
        for _ in 0..<3 {
            let current = try await readCurrent()
            if trigger == .open, let stored = current.stored, stored.lastOccurrenceId == command.occurrence {
                logger.info("occurrence already applied to ticket \(stored.ticketId); nothing to do")
                return .nothing(.ticketAlreadyClosed)
            }
            var decision: TicketDecision
            if current.deleted, let id = current.link.ticketID {
                decision = trigger == .open ? .createNew(replacingTicketID: id) : .nothing(.ticketAlreadyClosed)
            } else {
                decision = TicketDecision.decide(trigger: trigger, link: current.link, policy: settings.policy, now: clock())
            }
            if decision.createsTicket, try await resolvedBeforeItsTicket() {
                logger.info("alert \(command.alert.id) was resolved before its ticket was created; no ticket")
                decision = .nothing(.noTicketToResolve)
            } else if decision == .nothing(.noTicketToResolve) {
                try await recordResolvedWithoutTicket()
            }
            if try await apply(decision, current: current) { return decision }
        }
        throw HandlerFailure.transient("the ticket of \(linkKey) kept changing while this command was applied")
    }

    // MARK: - Resolved before the ticket

    /// Marks the alert as resolved while its key had no ticket, so an `open` of the same alert
    /// that arrives later (held up by retries while the resolve overtook it) creates nothing:
    /// the alert is already over, and a ticket opened now would stay open.
    private func recordResolvedWithoutTicket() async throws {
        let key = resolvedMarkerKey
        switch try await store.claimEffect(key: key, kind: "ticket.resolved-without-ticket", target: linkKey) {
        case .first, .reclaimed:
            _ = try await store.completeEffect(key: key, externalRef: nil, result: nil)
        case .inProgress, .completed:
            break  // another copy of this resolve records it
        }
    }

    private func resolvedBeforeItsTicket() async throws -> Bool {
        try await store.effect(key: resolvedMarkerKey)?.completedAt != nil
    }

    private var resolvedMarkerKey: String {
        IdempotencyKey.make(["ticket.resolved-without-ticket", command.psa.rawValue, linkKey, command.alert.id.lowercased()])
    }

    // MARK: - Reading

    private func readCurrent() async throws -> Current {
        guard let stored = try await store.ticketLink(alertKey: linkKey) else { return Current(link: .none) }
        guard stored.psa == command.psa else {
            throw HandlerFailure.permanent(
                "alert key \(linkKey) is linked to \(stored.psa.rawValue) ticket \(stored.ticketId), not to a \(command.psa.displayName) ticket")
        }
        guard let ticketID = Int(stored.ticketId) else {
            throw HandlerFailure.permanent("alert key \(linkKey) is linked to ticket '\(stored.ticketId)', which is not a PSA id")
        }
        let ticket: PSATicket
        do {
            ticket = try await port.ticket(id: ticketID)
        } catch let error as APIError where error.isNotFound {
            logger.warning("ticket \(ticketID) of \(linkKey) no longer exists in the PSA")
            return Current(link: .closed(ticketID: ticketID, closedAt: .distantPast), stored: stored, deleted: true)
        }
        let now = clock()
        if ticket.isClosed(under: settings) {
            var closedAt = stored.closedAt ?? ticket.closedAt ?? now
            if stored.state == .open {
                closedAt = ticket.closedAt ?? now
                try await store.recordTicketClosed(alertKey: linkKey, closedAt: closedAt, withNote: false)
                logger.info("ticket \(ticketID) was closed in the PSA at \(Timestamp.format(closedAt, fractionalSeconds: false))")
            }
            return Current(link: .closed(ticketID: ticketID, closedAt: closedAt), stored: stored)
        }
        if stored.state == .closed {
            try await store.recordTicketReopened(alertKey: linkKey, occurrenceId: nil, withNote: false)
            logger.info("ticket \(ticketID) was re-opened in the PSA")
        }
        return Current(link: .open(ticketID: ticketID), stored: stored)
    }

    // MARK: - Carrying out

    /// Carries out `decision`; false when another command's write got there first and the
    /// command must be decided again.
    private func apply(_ decision: TicketDecision, current: Current) async throws -> Bool {
        switch decision {
        case .create:
            return try await create(replacing: nil, current: current)
        case .createNew(let old):
            return try await create(replacing: old, current: current)
        case .addNote(let id):
            let wrote = try await note(decision, ticketID: id, resolution: false)
            if wrote { try await store.recordTicketNote(alertKey: linkKey, occurrenceId: command.occurrence) }
            return true
        case .reopenWithNote(let id):
            let status = settings.reopenStatus(for: command.alert.type)
            try await setStatus(ticketID: id, statusID: status, step: "reopen", resolution: nil, reason: "T2: re-opened, the alert occurred again")
            _ = try await note(decision, ticketID: id, resolution: false)
            try await store.recordTicketReopened(alertKey: linkKey, occurrenceId: command.occurrence, withNote: true)
            return true
        case .closeWithNote(let id, let status):
            let text = noteText(decision)
            _ = try await note(decision, ticketID: id, resolution: true)
            try await setStatus(
                ticketID: id, statusID: status, step: "close", resolution: text?.text,
                reason: "T3: auto-close, the alert was resolved in the cloud")
            try await store.recordTicketClosed(alertKey: linkKey, closedAt: clock(), withNote: true)
            return true
        case .noteOnly(let id):
            if try await note(decision, ticketID: id, resolution: false) {
                try await store.recordTicketNote(alertKey: linkKey, occurrenceId: nil)
            }
            return true
        case .nothing(let reason):
            logger.info("nothing to write: \(reason.rawValue)")
            return true
        }
    }

    /// Creates the key's next ticket. False when another command created it (decide again).
    private func create(replacing old: Int?, current: Current) async throws -> Bool {
        let history = try await store.ticketLinkHistory(alertKey: linkKey)
        let generation = old == nil ? 0 : history.count + 1
        let known = Set(history.compactMap { Int($0.ticketId) } + [old].compactMap { $0 })
        let key = IdempotencyKey.make(["ticket.create", command.psa.rawValue, linkKey, String(generation)])
        guard let companyID = Int(command.companyId) else {
            throw HandlerFailure.permanent("company id '\(command.companyId)' is not a \(command.psa.displayName) id")
        }
        let tenantName = try await store.companyMapping(tenantId: command.tenantId)?.tenantName
        let facts = AlertFacts(command.alert, tenantId: command.tenantId, tenantName: tenantName)
        let reference = await billing(companyID)
        let ticket = NewTicket(
            companyID: companyID, summary: TicketText.summary(for: facts, limits: command.psa.ticketTextLimits),
            description: TicketText.description(
                for: facts, psa: command.psa, billingReference: reference?.display, previousTicketID: old),
            externalReference: externalReference, alertType: command.alert.type, billing: reference)
        let reason = old == nil
            ? "T1: new \(command.alert.type) alert on \(command.alert.resourceName)"
            : "T2: new ticket, the previous one (#\(old!)) was closed at least \(settings.newTicketAfterDays ?? 0) days ago"
        let outcome = try await EffectRunner(store: store, clock: clock).perform(
            key: key, kind: "ticket.create", target: linkKey,
            lookup: {
                // A create whose outcome was lost: the ticket carries the key's external reference.
                try await port.tickets(externalReference: externalReference)
                    .map(\.id).filter { !known.contains($0) }.min().map(String.init)
            },
            call: { String(try await port.createTicket(ticket, settings: settings)) },
            result: { id in CreateResult(ticketId: id, occurrence: command.occurrence, messageId: messageId).data },
            audit: { id, found in
                AuditEntry(
                    worker: WorkerKind.ticketUpdater.rawValue, action: "ticket.create", targetSystem: command.psa.rawValue,
                    targetId: id, before: nil,
                    after: JSONValue.object([
                        "summary": .string(ticket.summary), "company": .integer(companyID),
                        "externalReference": .string(externalReference), "foundAfterLostOutcome": .bool(found),
                        "replaces": old.map { .integer($0) } ?? .null,
                        "billing": reference.map { .integer($0.id) } ?? .null,
                    ]).serialized(),
                    reason: reason, messageId: messageId)
            })
        guard let created = outcome.reference else {
            throw HandlerFailure.permanent("ticket create \(key) completed without a ticket id")
        }
        if old == nil {
            do {
                try await store.recordTicketCreated(
                    alertKey: linkKey, psa: command.psa, ticketId: created, occurrenceId: command.occurrence)
            } catch StateStoreError.ticketLinkExists(_, let other) {
                throw HandlerFailure.transient("alert key \(linkKey) was linked to ticket \(other) meanwhile")
            }
        } else {
            try await store.replaceTicket(alertKey: linkKey, psa: command.psa, newTicketId: created, occurrenceId: command.occurrence)
        }
        if case .completedBefore(_, let data) = outcome,
            let previous = data.flatMap(CreateResult.init(data:)), previous.occurrence != command.occurrence
        {
            // Another occurrence of the key created this ticket: this one becomes a note.
            logger.info("ticket \(created) was created by occurrence \(previous.occurrence); deciding again")
            return false
        }
        logger.info("ticket \(created) \(outcome == .performed(created) ? "created" : "found") for \(linkKey)")
        return true
    }

    /// Adds the decision's note once. Returns whether this command's note is now on the ticket
    /// because of this attempt or an earlier one that was not yet recorded on the link.
    private func note(_ decision: TicketDecision, ticketID: Int, resolution: Bool) async throws -> Bool {
        guard let text = noteText(decision) else { return false }
        let marker = noteMarker
        let outcome = try await EffectRunner(store: store, clock: clock).perform(
            key: IdempotencyKey.make([idempotencyKey, "note"]), kind: "ticket.note", target: String(ticketID),
            lookup: {
                try await port.noteTexts(ticketID: ticketID).contains { $0.contains(marker) } ? "found" : nil
            },
            call: { String(try await port.addNote(ticketID: ticketID, note: text, resolution: resolution, settings: settings)) },
            audit: { id, found in
                AuditEntry(
                    worker: WorkerKind.ticketUpdater.rawValue, action: "ticket.note", targetSystem: command.psa.rawValue,
                    targetId: String(ticketID), before: nil,
                    after: JSONValue.object(["title": .string(text.title), "note": .string(id), "found": .bool(found)]).serialized(),
                    reason: decision.auditReason, messageId: messageId)
            })
        if case .completedBefore = outcome { return false }
        return true
    }

    private func setStatus(ticketID: Int, statusID: Int, step: String, resolution: String?, reason: String) async throws {
        _ = try await EffectRunner(store: store, clock: clock).perform(
            key: IdempotencyKey.make([idempotencyKey, step]), kind: "ticket.status", target: String(ticketID),
            lookup: { nil },  // setting a status is idempotent: simply set it again
            call: {
                try await port.setStatus(ticketID: ticketID, statusID: statusID, resolution: resolution)
                return String(statusID)
            },
            audit: { _, _ in
                AuditEntry(
                    worker: WorkerKind.ticketUpdater.rawValue, action: "ticket.\(step)", targetSystem: command.psa.rawValue,
                    targetId: String(ticketID), before: nil,
                    after: JSONValue.object(["status": .integer(statusID)]).serialized(), reason: reason,
                    messageId: messageId)
            })
    }

    /// The note text of `decision`, ending with a line that identifies the command, so a note
    /// whose outcome was lost can be found among the ticket's notes.
    private func noteText(_ decision: TicketDecision) -> TicketNoteText? {
        let facts = AlertFacts(command.alert, tenantId: command.tenantId, tenantName: nil)
        guard var note = TicketText.note(for: decision, alert: facts, changedAt: command.alert.updatedAt, psa: command.psa)
        else { return nil }
        let line = "\n" + noteMarker
        if let limit = command.psa.ticketTextLimits.note, note.text.utf16.count + line.utf16.count > limit {
            note.text = TextTruncation.truncate(note.text, toUTF16Length: limit - line.utf16.count)
        }
        note.text += line
        return note
    }

    private var noteMarker: String { "Bridge reference: \(command.action.rawValue) \(command.occurrence)" }
}

/// What a ticket create's effect row keeps: which occurrence created the ticket.
struct CreateResult: Codable, Sendable {
    var ticketId: String
    var occurrence: String
    var messageId: String

    var data: Data? { try? JSONEncoder().encode(self) }

    init(ticketId: String, occurrence: String, messageId: String) {
        self.ticketId = ticketId
        self.occurrence = occurrence
        self.messageId = messageId
    }

    init?(data: Data) {
        guard let decoded = try? JSONDecoder().decode(CreateResult.self, from: data) else { return nil }
        self = decoded
    }
}

extension TicketDecision {
    /// The SPEC rule behind the write, for the audit log.
    var auditReason: String {
        switch self {
        case .create: "T1: new alert"
        case .createNew: "T2: new ticket after N days"
        case .addNote: "T2: the alert occurred again while its ticket is open"
        case .reopenWithNote: "T2: the alert occurred again; ticket re-opened"
        case .closeWithNote: "T3: the alert was resolved; auto-close on"
        case .noteOnly: "T3: the alert was resolved; auto-close off"
        case .nothing(let reason): "nothing: \(reason.rawValue)"
        }
    }
}
