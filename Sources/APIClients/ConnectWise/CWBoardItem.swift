/// A ticket item of a board (`/service/boards/{id}/items`).
public struct CWBoardItem: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String?
    public var inactiveFlag: Bool?
}
