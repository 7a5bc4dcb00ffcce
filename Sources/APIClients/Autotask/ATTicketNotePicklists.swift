/// The ticket note lookups, read from `TicketNotes/entityInformation/fields` picklists.
public struct ATTicketNotePicklists: Sendable, Hashable {
    /// `noteType`.
    public var noteTypes: [ATPicklistValue]
    /// `publish` (who can see the note).
    public var publish: [ATPicklistValue]
}
