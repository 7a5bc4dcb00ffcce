/// What the cloud says about an alert key, as a ticket command (T1-T3).
public enum TicketTrigger: String, Sendable, Hashable, CaseIterable {
    /// The alert is raised: new, or the same alert again (T1, T2).
    case open
    /// The alert was resolved or dismissed in the cloud (T3).
    case resolve
}
