/// A service board (`/service/boards`), the ticket queue.
public struct CWBoard: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String?
    public var inactiveFlag: Bool?
}
