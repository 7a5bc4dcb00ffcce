import Foundation

/// What to do with the PSA for one ticket command (T1, T2, T3): the ticket-updater carries it out.
///
/// ``decide(trigger:link:policy:now:)`` is total: every combination of trigger, link and policy
/// has exactly one decision.
///
/// | trigger | link | policy | decision |
/// |---|---|---|---|
/// | open | none | any | ``create`` (T1) |
/// | open | open | any | ``addNote(ticketID:)`` (T2) |
/// | open | closed | new ticket off | ``reopenWithNote(ticketID:)`` (T2) |
/// | open | closed less than N days ago | new ticket after N | ``reopenWithNote(ticketID:)`` (T2) |
/// | open | closed N days ago or more | new ticket after N | ``createNew(replacingTicketID:)`` (T2) |
/// | resolve | open | auto-close on | ``closeWithNote(ticketID:statusID:)`` (T3) |
/// | resolve | open | auto-close off | ``noteOnly(ticketID:)`` (T3) |
/// | resolve | none | any | ``nothing(_:)`` ``IdleReason/noTicketToResolve`` |
/// | resolve | closed | any | ``nothing(_:)`` ``IdleReason/ticketAlreadyClosed`` |
///
/// Decisions where the SPEC is silent:
/// - A resolve for a ticket that is already closed (a technician closed it first) does nothing,
///   whatever the auto-close setting: the ticket already records its end, and writing to a closed
///   ticket can wake the PSA's workflow rules and notify the customer for no reason.
/// - "N days" is elapsed time, `now - closedAt >= N × 24 h`, inclusive to the second (see
///   ``DayCount``). With N = 0 every occurrence after a close opens a new ticket. A `closedAt`
///   after `now` (clocks apart) counts as closed less than N days ago.
public enum TicketDecision: Sendable, Hashable {
    /// Create the key's first ticket (T1).
    case create
    /// Add a recurrence note to the open ticket (T2).
    case addNote(ticketID: Int)
    /// Re-open the closed ticket and add a note (T2).
    case reopenWithNote(ticketID: Int)
    /// Create a new ticket; the closed one stays closed and the key now follows the new one (T2).
    case createNew(replacingTicketID: Int)
    /// Set the ticket to the auto-close status and add a note (T3, auto-close on).
    case closeWithNote(ticketID: Int, statusID: Int)
    /// Add a "resolved in the cloud" note and leave the ticket open (T3, auto-close off).
    case noteOnly(ticketID: Int)
    /// Write nothing to the PSA.
    case nothing(IdleReason)

    /// Why a command leads to no PSA write; raw values are stable counter labels.
    public enum IdleReason: String, Sendable, Hashable, CaseIterable {
        /// A resolve for a key that never had a ticket (for example the alert was raised while its
        /// type was disabled, or raised and resolved within one batch).
        case noTicketToResolve = "no-ticket-to-resolve"
        /// A resolve for a ticket that is already closed.
        case ticketAlreadyClosed = "ticket-already-closed"
    }

    /// Decides what one ticket command does (T1, T2, T3).
    /// - Parameters:
    ///   - trigger: the command: the alert was raised (`open`) or resolved (`resolve`).
    ///   - link: the key's ticket as the PSA last reported it.
    ///   - policy: the "new ticket after N days" and "auto-close" settings.
    ///   - now: the time of the decision, compared with `closedAt`.
    public static func decide(
        trigger: TicketTrigger, link: TicketLinkState, policy: TicketPolicy, now: Date
    ) -> TicketDecision {
        switch (trigger, link) {
        case (.open, .none):
            return .create
        case (.open, .open(let ticketID)):
            return .addNote(ticketID: ticketID)
        case (.open, .closed(let ticketID, let closedAt)):
            return policy.newTicketAfter.isReached(since: closedAt, at: now)
                ? .createNew(replacingTicketID: ticketID)
                : .reopenWithNote(ticketID: ticketID)
        case (.resolve, .none):
            return .nothing(.noTicketToResolve)
        case (.resolve, .closed):
            return .nothing(.ticketAlreadyClosed)
        case (.resolve, .open(let ticketID)):
            switch policy.autoClose {
            case .off: return .noteOnly(ticketID: ticketID)
            case .close(let statusID): return .closeWithNote(ticketID: ticketID, statusID: statusID)
            }
        }
    }

    /// Whether carrying out the decision creates a PSA ticket.
    public var createsTicket: Bool {
        switch self {
        case .create, .createNew: true
        default: false
        }
    }

    /// The existing ticket the decision writes to, if any.
    public var targetTicketID: Int? {
        switch self {
        case .create, .createNew, .nothing: nil
        case .addNote(let id), .reopenWithNote(let id), .noteOnly(let id), .closeWithNote(let id, _): id
        }
    }
}
