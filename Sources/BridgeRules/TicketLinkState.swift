import Foundation

/// What the bridge knows about the PSA ticket of one alert key (same tenant, alert type and
/// resource, T2).
///
/// Ticket ids are the PSA's integer ids (ConnectWise ticket `id`, Autotask ticket `id`).
/// `closedAt` is when the PSA closed the ticket (ConnectWise `closedDate`, Autotask
/// `completedDate`), whoever closed it.
public enum TicketLinkState: Sendable, Hashable {
    /// The key has never had a ticket.
    case none
    /// The key's ticket is open.
    case open(ticketID: Int)
    /// The key's ticket was closed at `closedAt`.
    case closed(ticketID: Int, closedAt: Date)

    /// The linked ticket's id, if any.
    public var ticketID: Int? {
        switch self {
        case .none: nil
        case .open(let id), .closed(let id, _): id
        }
    }
}
