extension AutotaskClient {
    /// Field metadata of an entity, picklists included (`GET /{Entity}/entityInformation/fields`).
    public func fields(entity: String) async throws -> [ATFieldInfo] {
        try await get(ATFields.self, "/\(QueryEncoding.pathSegment(entity))/entityInformation/fields").fields
    }

    /// User-defined field definitions of an entity
    /// (`GET /{Entity}/entityInformation/userDefinedFields`).
    public func userDefinedFieldDefinitions(entity: String) async throws -> [ATFieldInfo] {
        try await get(ATFields.self, "/\(QueryEncoding.pathSegment(entity))/entityInformation/userDefinedFields").fields
    }

    /// Values of one picklist field of an entity (empty when the field has none).
    public func picklist(entity: String, field: String) async throws -> [ATPicklistValue] {
        picklist(try await fields(entity: entity), field)
    }

    /// Queues, statuses, priorities, issue types, sub-issue types, sources and ticket types, from
    /// one `Tickets/entityInformation/fields` call. Values are tenant-specific: read them, don't
    /// hard-code them.
    public func ticketPicklists() async throws -> ATTicketPicklists {
        let fields = try await fields(entity: "Tickets")
        return ATTicketPicklists(
            queues: picklist(fields, "queueID"), statuses: picklist(fields, "status"),
            priorities: picklist(fields, "priority"), issueTypes: picklist(fields, "issueType"),
            subIssueTypes: picklist(fields, "subIssueType"), sources: picklist(fields, "source"),
            ticketTypes: picklist(fields, "ticketType"))
    }

    /// Note types and publish values (`TicketNotes/entityInformation/fields`).
    public func ticketNotePicklists() async throws -> ATTicketNotePicklists {
        let fields = try await fields(entity: "TicketNotes")
        return ATTicketNotePicklists(noteTypes: picklist(fields, "noteType"), publish: picklist(fields, "publish"))
    }
}

extension AutotaskClient {
    /// Creates a user-defined field definition (`POST /UserDefinedFieldDefinitions`) and returns
    /// its id, e.g. the contract UDF that marks PAYG lines when it is missing. Not resent once it
    /// may have reached the server; list the entity's definitions before trying again.
    public func createUserDefinedFieldDefinition(_ definition: ATUserDefinedFieldDefinitionCreate) async throws -> Int {
        try await sendForItemID("POST", "/UserDefinedFieldDefinitions", body: definition, idempotency: .notIdempotent)
    }
}
