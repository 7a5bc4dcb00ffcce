/// The "tickets auto-closing" setting (T3).
public enum AutoClosePolicy: Sendable, Hashable {
    /// Off: a resolved alert only adds a note to its ticket.
    case off
    /// On: a resolved alert sets its ticket to this PSA status, with a note. The status is the
    /// PSA's id (a ConnectWise board status with `closedStatus`, an Autotask ticket status such as
    /// 5 = Complete); resolve a configured name to its id before deciding.
    case close(statusID: Int)
}
