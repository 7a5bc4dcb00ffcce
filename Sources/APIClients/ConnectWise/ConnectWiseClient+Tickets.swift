extension ConnectWiseClient {
    /// Creates a ticket (`POST /service/tickets`). Never resent once it may have reached the
    /// server (ConnectWise has no idempotency key): after ``APIError/Kind/outcomeUnknown`` or a 5xx,
    /// look it up with ``tickets(externalXRef:)`` before creating again.
    /// - Throws: ``APIError`` with kind `invalidRequest` when `summary` or `externalXRef` is longer
    ///   than ConnectWise accepts (nothing is sent).
    public func createTicket(_ ticket: CWTicketCreate) async throws -> CWTicket {
        let path = "/service/tickets"
        var problems: [String] = []
        if ticket.summary.isEmpty { problems.append("summary is empty") }
        if ticket.summary.count > CWTicketCreate.summaryLimit {
            problems.append("summary has \(ticket.summary.count) characters, the limit is \(CWTicketCreate.summaryLimit)")
        }
        if let xref = ticket.externalXRef, xref.count > CWTicketCreate.externalXRefLimit {
            problems.append("externalXRef has \(xref.count) characters, the limit is \(CWTicketCreate.externalXRefLimit)")
        }
        guard problems.isEmpty else {
            throw APIError(service: .connectWise, kind: .invalidRequest, method: "POST", path: path, messages: problems)
        }
        return try await sendJSON("POST", path, body: ticket, idempotency: .notIdempotent, returning: CWTicket.self)
    }

    /// One ticket (`GET /service/tickets/{id}`).
    public func ticket(id: Int) async throws -> CWTicket {
        try await get(CWTicket.self, "/service/tickets/\(id)")
    }

    /// Tickets matching the query, all pages (`GET /service/tickets`).
    public func tickets(_ query: CWQuery = CWQuery()) async throws -> [CWTicket] {
        try await listAll(CWTicket.self, "/service/tickets", query)
    }

    /// Tickets carrying this external reference, oldest first
    /// (`conditions=externalXRef = "…"`).
    public func tickets(externalXRef: String) async throws -> [CWTicket] {
        try await tickets(CWQuery(where: CWField("externalXRef") == externalXRef, orderBy: .ascending("id")))
    }

    /// Updates a ticket with PATCH operations (`PATCH /service/tickets/{id}`).
    public func patchTicket(id: Int, _ operations: [CWPatchOperation]) async throws -> CWTicket {
        try await patch("/service/tickets/\(id)", operations, returning: CWTicket.self)
    }

    /// Sets a ticket's status (a status of the ticket's board; a `closedStatus` one closes it):
    /// `[{"op":"replace","path":"status","value":{"id":…}}]`.
    public func setTicketStatus(ticketID: Int, statusID: Int) async throws -> CWTicket {
        try await patchTicket(id: ticketID, [.replace("status", withReferenceTo: statusID)])
    }

    /// Adds a note to a ticket (`POST /service/tickets/{id}/notes`). Not resent once it may have
    /// reached the server.
    public func createTicketNote(ticketID: Int, _ note: CWTicketNoteCreate) async throws -> CWTicketNote {
        let path = "/service/tickets/\(ticketID)/notes"
        guard note.detailDescriptionFlag || note.internalAnalysisFlag || note.resolutionFlag else {
            throw APIError(
                service: .connectWise, kind: .invalidRequest, method: "POST", path: path,
                messages: ["a note needs one of detailDescriptionFlag, internalAnalysisFlag, resolutionFlag"])
        }
        return try await sendJSON("POST", path, body: note, idempotency: .notIdempotent, returning: CWTicketNote.self)
    }

    /// Notes of a ticket (`GET /service/tickets/{id}/notes`).
    public func ticketNotes(ticketID: Int) async throws -> [CWTicketNote] {
        try await listAll(CWTicketNote.self, "/service/tickets/\(ticketID)/notes", CWQuery())
    }
}
