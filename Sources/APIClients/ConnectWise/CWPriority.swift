/// A ticket priority (`/service/priorities`, global).
public struct CWPriority: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String?
    public var defaultFlag: Bool?
    public var sortOrder: Int?
}
