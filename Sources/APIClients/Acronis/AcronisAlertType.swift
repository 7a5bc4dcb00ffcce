/// A registered alert type (`GET /api/alert_manager/v1/types`).
public struct AcronisAlertType: Sendable, Hashable, Decodable {
    /// Type id, e.g. `BackupFailed`.
    public var id: String
    public var category: String?
    public var severity: String?
    public var displayName: String?

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        // Alert Manager uses camelCase in alert bodies and snake_case in some listings; the id
        // may come as `id` or `type`.
        guard let id = try container.decodeIfPresent(String.self, forKey: AnyKey("id"))
            ?? container.decodeIfPresent(String.self, forKey: AnyKey("type"))
        else {
            throw DecodingError.keyNotFound(
                AnyKey("id"), .init(codingPath: decoder.codingPath, debugDescription: "alert type without id"))
        }
        self.id = id
        category = try container.decodeIfPresent(String.self, forKey: AnyKey("category"))
        severity = try container.decodeIfPresent(String.self, forKey: AnyKey("severity"))
        displayName =
            try container.decodeIfPresent(String.self, forKey: AnyKey("displayName"))
            ?? container.decodeIfPresent(String.self, forKey: AnyKey("display_name"))
    }
}
