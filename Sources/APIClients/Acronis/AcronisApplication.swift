/// A service (`GET /api/2/applications`), e.g. Cyber Protection (`type` `backup`).
public struct AcronisApplication: Sendable, Hashable, Decodable {
    public var id: String
    public var name: String?
    /// `platform`, `backup`, `files_cloud`, `hci`, `notary`, ... Look services up by type.
    public var type: String?
    public var usages: [String]?

    enum CodingKeys: String, CodingKey {
        case id, name, type, usages
    }
}
