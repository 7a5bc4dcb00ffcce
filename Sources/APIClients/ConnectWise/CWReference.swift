/// A reference to another record: `{"id": 12, "name": "...", "identifier": "..."}`.
/// On writes only `id` is sent.
public struct CWReference: Sendable, Hashable, Codable {
    public var id: Int?
    public var name: String?
    public var identifier: String?

    public init(id: Int) {
        self.id = id
    }

    public init(id: Int?, name: String?, identifier: String? = nil) {
        self.id = id
        self.name = name
        self.identifier = identifier
    }

    enum CodingKeys: String, CodingKey {
        case id, name, identifier
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decodeIfPresent(Int.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        identifier = try container.decodeIfPresent(String.self, forKey: .identifier)
    }

    /// Writes `{"id": N}` only (names are read-side), or the identifier when there is no id.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let id {
            try container.encode(id, forKey: .id)
        } else if let identifier {
            try container.encode(identifier, forKey: .identifier)
        }
    }
}
