/// The ticket settings that decide between note, re-open, new ticket and close (T2, T3).
public struct TicketPolicy: Sendable, Hashable {
    /// "New ticket after the initial one has been closed N days" [off, 1] (T2).
    public var newTicketAfter: DayThreshold
    /// "Auto-close with status S" [off] (T3).
    public var autoClose: AutoClosePolicy

    /// A `TicketPolicy` from its parts.
    public init(newTicketAfter: DayThreshold, autoClose: AutoClosePolicy) {
        self.newTicketAfter = newTicketAfter
        self.autoClose = autoClose
    }
}
