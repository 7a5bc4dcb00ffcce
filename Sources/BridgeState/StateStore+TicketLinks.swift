import BridgeValues
import Foundation

/// Ticket links (SPEC T2, T4): which PSA ticket an alert key has, and what the ticket-updater
/// did to it. Every operation is idempotent for a retried call (same ticket id, same occurrence
/// id), so a retry after a lost commit does not count twice. The decision (note, re-open, new
/// ticket) is the rules'; this records it.
extension StateStore {
    /// The link of an alert key, if it has a ticket.
    public func ticketLink(alertKey: String) async throws -> TicketLink? {
        try await read { db in try Self.fetchLink(db, alertKey: alertKey) }
    }

    /// The link that points at a PSA ticket, if any.
    public func ticketLink(psa: PSAKind, ticketId: String) async throws -> TicketLink? {
        try await read { db in
            try db.fetchOne(sql: "SELECT * FROM ticket_links WHERE psa = ? AND ticket_id = ?",
                arguments: [psa.rawValue, ticketId]
            ).map(TicketLink.init)
        }
    }

    /// Links, newest first, optionally only open or closed ones.
    public func ticketLinks(state: TicketLink.State? = nil, limit: Int = 100) async throws -> [TicketLink] {
        try await read { db in
            try db.fetchAll(sql: "SELECT * FROM ticket_links WHERE (?1 IS NULL OR state = ?1) ORDER BY created_at DESC LIMIT ?2",
                arguments: [state?.rawValue, limit]
            ).map(TicketLink.init)
        }
    }

    /// How many alert keys have a ticket, optionally only open or closed ones.
    public func ticketLinkCount(state: TicketLink.State? = nil) async throws -> Int {
        try await read { db in
            try db.fetchOne(Int.self, sql: "SELECT count(*) FROM ticket_links WHERE (?1 IS NULL OR state = ?1)",
                arguments: [state?.rawValue]) ?? 0
        }
    }

    /// The tickets an alert key had before its current one, oldest first.
    public func ticketLinkHistory(alertKey: String) async throws -> [PreviousTicket] {
        try await read { db in
            try db.fetchAll(sql: "SELECT * FROM ticket_link_history WHERE alert_key = ? ORDER BY id", arguments: [alertKey]
            ).map(PreviousTicket.init)
        }
    }

    /// Tickets created since `date`, current and replaced ones (SPEC S1 "new tickets").
    public func ticketsCreated(since date: Date) async throws -> Int {
        try await read { db in
            try db.fetchOne(Int.self, sql: """
                    SELECT (SELECT count(*) FROM ticket_links WHERE created_at >= ?1)
                         + (SELECT count(*) FROM ticket_link_history WHERE created_at >= ?1)
                    """,
                arguments: [date]) ?? 0
        }
    }

    /// Records the ticket created for an alert key: open, one occurrence, no notes.
    ///
    /// Recording the same ticket again returns the link unchanged.
    /// - Throws: ``StateStoreError/ticketLinkExists(alertKey:ticketId:)`` when the key is linked
    ///   to another ticket (use ``replaceTicket(alertKey:psa:newTicketId:occurrenceId:)``).
    @discardableResult
    public func recordTicketCreated(
        alertKey: String, psa: PSAKind, ticketId: String, occurrenceId: String?
    )
        async throws -> TicketLink
    {
        try Self.requireNonEmpty(alertKey, field: "alertKey")
        try Self.requireNonEmpty(ticketId, field: "ticketId")
        let now = self.now
        return try await write { db in
            if let link = try Self.fetchLink(db, alertKey: alertKey) {
                guard link.psa == psa, link.ticketId == ticketId else {
                    throw StateStoreError.ticketLinkExists(alertKey: alertKey, ticketId: link.ticketId)
                }
                return link
            }
            try db.execute(
                sql: """
                    INSERT INTO ticket_links (alert_key, psa, ticket_id, state, created_at, last_occurrence_id,
                                              occurrence_count, note_count, updated_at)
                    VALUES (?, ?, ?, 'open', ?, ?, 1, 0, ?)
                    """,
                arguments: [alertKey, psa.rawValue, ticketId, now, occurrenceId, now])
            return try Self.fetchLink(db, alertKey: alertKey)!
        }
    }

    /// Records a note added to the ticket. With an `occurrenceId` it is a recurrence (SPEC T2):
    /// the occurrence is counted, and the same occurrence id again changes nothing. Without one
    /// (for example the note of an auto-close) only the note is counted.
    /// - Throws: ``StateStoreError/ticketLinkNotFound(alertKey:)``.
    @discardableResult
    public func recordTicketNote(alertKey: String, occurrenceId: String?) async throws -> TicketLink {
        let now = self.now
        return try await write { db in
            let link = try Self.requireLink(db, alertKey: alertKey)
            if let occurrenceId, occurrenceId == link.lastOccurrenceId { return link }
            let isOccurrence = occurrenceId != nil
            try db.execute(
                sql: """
                    UPDATE ticket_links SET note_count = note_count + 1,
                        occurrence_count = occurrence_count + ?, last_occurrence_id = coalesce(?, last_occurrence_id),
                        updated_at = ?
                    WHERE alert_key = ?
                    """,
                arguments: [isOccurrence ? 1 : 0, occurrenceId, now, alertKey])
            return try Self.fetchLink(db, alertKey: alertKey)!
        }
    }

    /// Records that the ticket was closed at `closedAt` (by the bridge's auto-close, SPEC T3, or
    /// found closed in the PSA), counting the closing note if one was added. A closed link stays
    /// as it was.
    /// - Throws: ``StateStoreError/ticketLinkNotFound(alertKey:)``.
    @discardableResult
    public func recordTicketClosed(alertKey: String, closedAt: Date, withNote: Bool) async throws -> TicketLink {
        let now = self.now
        return try await write { db in
            let link = try Self.requireLink(db, alertKey: alertKey)
            guard link.state == .open else { return link }
            try db.execute(
                sql: """
                    UPDATE ticket_links SET state = 'closed', closed_at = ?, note_count = note_count + ?, updated_at = ?
                    WHERE alert_key = ?
                    """,
                arguments: [closedAt, withNote ? 1 : 0, now, alertKey])
            return try Self.fetchLink(db, alertKey: alertKey)!
        }
    }

    /// Records that the ticket was re-opened for occurrence `occurrenceId` (SPEC T2), with its
    /// note. The same occurrence id as the last one changes nothing; on an open ticket it counts
    /// as a recurrence note.
    /// - Throws: ``StateStoreError/ticketLinkNotFound(alertKey:)``.
    @discardableResult
    public func recordTicketReopened(
        alertKey: String, occurrenceId: String?, withNote: Bool = true
    ) async throws
        -> TicketLink
    {
        let now = self.now
        return try await write { db in
            let link = try Self.requireLink(db, alertKey: alertKey)
            if let occurrenceId, occurrenceId == link.lastOccurrenceId { return link }
            let wasClosed = link.state == .closed
            try db.execute(
                sql: """
                    UPDATE ticket_links SET state = 'open', closed_at = NULL,
                        reopened_at = CASE WHEN ? THEN ? ELSE reopened_at END, reopen_count = reopen_count + ?,
                        occurrence_count = occurrence_count + ?, last_occurrence_id = coalesce(?, last_occurrence_id),
                        note_count = note_count + ?, updated_at = ?
                    WHERE alert_key = ?
                    """,
                arguments: [
                    wasClosed, now, wasClosed ? 1 : 0, occurrenceId == nil ? 0 : 1, occurrenceId, withNote ? 1 : 0,
                    now, alertKey,
                ])
            return try Self.fetchLink(db, alertKey: alertKey)!
        }
    }

    /// Links the alert key to a new ticket (SPEC T2: the old one was closed long enough ago),
    /// moving the current ticket to the key's history. Replacing with the current ticket id
    /// again changes nothing.
    /// - Throws: ``StateStoreError/ticketLinkNotFound(alertKey:)``.
    @discardableResult
    public func replaceTicket(
        alertKey: String, psa: PSAKind, newTicketId: String, occurrenceId: String?
    )
        async throws -> TicketLink
    {
        try Self.requireNonEmpty(newTicketId, field: "newTicketId")
        let now = self.now
        return try await write { db in
            let link = try Self.requireLink(db, alertKey: alertKey)
            if link.psa == psa, link.ticketId == newTicketId { return link }
            try db.execute(
                sql: """
                    INSERT INTO ticket_link_history (alert_key, psa, ticket_id, created_at, closed_at, replaced_at,
                                                     occurrence_count, note_count)
                    SELECT alert_key, psa, ticket_id, created_at, closed_at, ?, occurrence_count, note_count
                    FROM ticket_links WHERE alert_key = ?
                    """,
                arguments: [now, alertKey])
            try db.execute(
                sql: """
                    UPDATE ticket_links SET psa = ?, ticket_id = ?, state = 'open', created_at = ?, closed_at = NULL,
                        reopened_at = NULL, reopen_count = 0, last_occurrence_id = ?, occurrence_count = 1,
                        note_count = 0, updated_at = ?
                    WHERE alert_key = ?
                    """,
                arguments: [psa.rawValue, newTicketId, now, occurrenceId, now, alertKey])
            return try Self.fetchLink(db, alertKey: alertKey)!
        }
    }

    // MARK: - Helpers

    private static func fetchLink(_ db: StateTransaction, alertKey: String) throws -> TicketLink? {
        try db.fetchOne(sql: "SELECT * FROM ticket_links WHERE alert_key = ?", arguments: [alertKey])
            .map(TicketLink.init)
    }

    private static func requireLink(_ db: StateTransaction, alertKey: String) throws -> TicketLink {
        guard let link = try fetchLink(db, alertKey: alertKey) else {
            throw StateStoreError.ticketLinkNotFound(alertKey: alertKey)
        }
        return link
    }
}
