/// A ticket type of a board (`/service/boards/{id}/types`).
public struct CWBoardType: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String?
    public var board: CWReference?
    /// `Reactive` or `Proactive`.
    public var category: String?
    public var defaultFlag: Bool?
    public var inactiveFlag: Bool?
}
