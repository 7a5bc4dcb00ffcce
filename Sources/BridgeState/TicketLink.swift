import BridgeValues
import Foundation

/// The PSA ticket an alert key is linked to (SPEC T2, T4), with what happened to it.
public struct TicketLink: Sendable, Equatable {
    /// The ticket's state as the bridge last recorded it.
    public enum State: String, Sendable, CaseIterable {
        case open
        case closed
    }

    /// The alert's key (tenant, alert type, resource), also the ticket's external reference.
    public var alertKey: String
    public var psa: PSAKind
    public var ticketId: String
    public var state: State
    public var createdAt: Date
    /// When the ticket was closed (set while closed; T2 counts "new ticket after N days" from it).
    public var closedAt: Date?
    public var reopenedAt: Date?
    public var reopenCount: Int
    /// The last alert occurrence recorded on this ticket.
    public var lastOccurrenceId: String?
    /// Occurrences recorded on this ticket (1 at creation).
    public var occurrenceCount: Int
    /// Notes the bridge added to this ticket.
    public var noteCount: Int
    public var updatedAt: Date

    init(row: StateRow) throws {
        alertKey = row["alert_key"]
        psa = try row.decode("psa", in: "ticket_links")
        ticketId = row["ticket_id"]
        state = try row.decode("state", in: "ticket_links")
        createdAt = row["created_at"]
        closedAt = row["closed_at"]
        reopenedAt = row["reopened_at"]
        reopenCount = row["reopen_count"]
        lastOccurrenceId = row["last_occurrence_id"]
        occurrenceCount = row["occurrence_count"]
        noteCount = row["note_count"]
        updatedAt = row["updated_at"]
    }
}

/// A ticket an alert key was linked to before a new ticket replaced it (SPEC T2).
public struct PreviousTicket: Sendable, Equatable {
    public var alertKey: String
    public var psa: PSAKind
    public var ticketId: String
    public var createdAt: Date
    public var closedAt: Date?
    public var replacedAt: Date
    public var occurrenceCount: Int
    public var noteCount: Int

    init(row: StateRow) throws {
        alertKey = row["alert_key"]
        psa = try row.decode("psa", in: "ticket_link_history")
        ticketId = row["ticket_id"]
        createdAt = row["created_at"]
        closedAt = row["closed_at"]
        replacedAt = row["replaced_at"]
        occurrenceCount = row["occurrence_count"]
        noteCount = row["note_count"]
    }
}
