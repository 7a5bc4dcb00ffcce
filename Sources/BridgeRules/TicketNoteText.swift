/// The text of a ticket note (T2, T3): a title (Autotask notes require one; ConnectWise notes
/// have none and use only ``text``) and the note itself.
public struct TicketNoteText: Sendable, Hashable {
    /// The note title, within the PSA's note title limit.
    public var title: String
    /// The note text, within the PSA's note limit.
    public var text: String

    /// A `TicketNoteText` from its parts.
    public init(title: String, text: String) {
        self.title = title
        self.text = text
    }
}
