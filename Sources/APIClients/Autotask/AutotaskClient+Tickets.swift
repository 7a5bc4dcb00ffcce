extension AutotaskClient {
    /// Creates a ticket (`POST /Tickets`) and returns its id. Never resent once it may have
    /// reached the server: after ``APIError/Kind/outcomeUnknown`` or a 500, look it up with
    /// ``tickets(externalID:)``.
    public func createTicket(_ ticket: ATTicketCreate) async throws -> Int {
        let path = "/Tickets"
        guard !ticket.title.isEmpty, ticket.title.count <= ATTicketCreate.titleLimit else {
            throw APIError(
                service: .autotask, kind: .invalidRequest, method: "POST", path: await fullPath(path),
                messages: ["title must have 1 to \(ATTicketCreate.titleLimit) characters, it has \(ticket.title.count)"])
        }
        return try await sendForItemID("POST", path, body: ticket, idempotency: .notIdempotent)
    }

    /// One ticket (`GET /Tickets/{id}`).
    public func ticket(id: Int) async throws -> ATTicket {
        try await item(ATTicket.self, "Tickets", id: id)
    }

    /// Tickets matching the filter (`POST /Tickets/query`).
    public func tickets(_ filter: ATFilter) async throws -> [ATTicket] {
        try await query(ATTicket.self, "Tickets", filter)
    }

    /// Tickets carrying this external id, oldest first.
    public func tickets(externalID: String) async throws -> [ATTicket] {
        try await tickets(ATField("externalID") == externalID).sorted { $0.id < $1.id }
    }

    /// Sets a ticket's status (`PATCH /Tickets` with `{"id", "status", "resolution"?}`);
    /// status 5 (Complete) closes it.
    public func updateTicketStatus(ticketID: Int, status: Int, resolution: String? = nil) async throws {
        struct Body: Encodable {
            var id: Int
            var status: Int
            var resolution: String?
        }
        _ = try await sendForItemID(
            "PATCH", "/Tickets", body: Body(id: ticketID, status: status, resolution: resolution),
            idempotency: .idempotent)
    }

    /// Adds a note to a ticket (`POST /Tickets/{id}/Notes`) and returns its id. Not resent once it
    /// may have reached the server.
    public func createTicketNote(ticketID: Int, _ note: ATTicketNoteCreate) async throws -> Int {
        struct Body: Encodable {
            var ticketID: Int
            var title: String?
            var description: String
            var noteType: Int
            var publish: Int
        }
        return try await sendForItemID(
            "POST", "/Tickets/\(ticketID)/Notes",
            body: Body(
                ticketID: ticketID, title: note.title, description: note.description, noteType: note.noteType,
                publish: note.publish),
            idempotency: .notIdempotent)
    }

    /// Notes of a ticket (`POST /TicketNotes/query` on `ticketID`).
    public func ticketNotes(ticketID: Int) async throws -> [ATTicketNote] {
        try await query(ATTicketNote.self, "TicketNotes", ATField("ticketID") == ticketID)
    }
}
