/// Body of `POST /Tickets/{id}/Notes`. `description`, `noteType` and `publish` are required
/// (both picklists: read them with ``AutotaskClient/ticketNotePicklists()``).
public struct ATTicketNoteCreate: Sendable, Hashable, Encodable {
    public var title: String?
    public var description: String
    public var noteType: Int
    public var publish: Int

    public init(title: String? = nil, description: String, noteType: Int, publish: Int) {
        self.title = title
        self.description = description
        self.noteType = noteType
        self.publish = publish
    }
}
