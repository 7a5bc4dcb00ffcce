/// A ticket subtype of a board (`/service/boards/{id}/subtypes`).
public struct CWBoardSubtype: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String?
    public var board: CWReference?
    public var inactiveFlag: Bool?
    public var typeAssociationIDs: [Int]?

    enum CodingKeys: String, CodingKey {
        case id, name, board, inactiveFlag
        case typeAssociationIDs = "typeAssociationIds"
    }
}
