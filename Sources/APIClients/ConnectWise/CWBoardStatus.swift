/// A status of a board (`/service/boards/{id}/statuses`). Names repeat across boards.
public struct CWBoardStatus: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String?
    public var board: CWReference?
    /// True for statuses that close the ticket.
    public var closedStatus: Bool?
    public var defaultFlag: Bool?
    public var inactive: Bool?
    public var sortOrder: Int?
}
