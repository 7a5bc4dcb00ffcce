import Foundation

extension TicketLinkState {
    /// The link once `decision` has been carried out (T1-T3), so the store and the rules agree on
    /// what comes next.
    ///
    /// - ``TicketDecision/create`` and ``TicketDecision/createNew(replacingTicketID:)``: open on the
    ///   new ticket (`createdTicketID` is required).
    /// - ``TicketDecision/addNote(ticketID:)``, ``TicketDecision/reopenWithNote(ticketID:)``,
    ///   ``TicketDecision/noteOnly(ticketID:)``: open on that ticket.
    /// - ``TicketDecision/closeWithNote(ticketID:statusID:)``: closed at `now`.
    /// - ``TicketDecision/nothing(_:)``: unchanged.
    /// - Throws: ``RulesInputError/missingCreatedTicketID`` when a ticket was created and
    ///   `createdTicketID` is nil.
    public func applying(
        _ decision: TicketDecision, createdTicketID: Int? = nil, at now: Date
    ) throws(RulesInputError) -> TicketLinkState {
        switch decision {
        case .create, .createNew:
            guard let createdTicketID else { throw .missingCreatedTicketID }
            return .open(ticketID: createdTicketID)
        case .addNote(let id), .reopenWithNote(let id), .noteOnly(let id):
            return .open(ticketID: id)
        case .closeWithNote(let id, _):
            return .closed(ticketID: id, closedAt: now)
        case .nothing:
            return self
        }
    }
}
