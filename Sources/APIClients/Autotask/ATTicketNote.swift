import Foundation

/// A ticket note (`/TicketNotes`).
public struct ATTicketNote: Sendable, Hashable, Decodable {
    public var id: Int
    public var ticketID: Int?
    public var title: String?
    public var description: String?
    public var noteType: Int?
    public var publish: Int?
    public var createDateTime: Date?
}
