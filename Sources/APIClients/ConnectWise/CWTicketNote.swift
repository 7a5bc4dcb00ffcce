/// A ticket note (`/service/tickets/{id}/notes`).
public struct CWTicketNote: Sendable, Hashable, Decodable {
    public var id: Int
    public var ticketID: Int?
    public var text: String?
    public var detailDescriptionFlag: Bool?
    public var internalAnalysisFlag: Bool?
    public var resolutionFlag: Bool?

    enum CodingKeys: String, CodingKey {
        case id, text, detailDescriptionFlag, internalAnalysisFlag, resolutionFlag
        case ticketID = "ticketId"
    }
}
