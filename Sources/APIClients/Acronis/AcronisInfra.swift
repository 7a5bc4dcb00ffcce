/// A storage / infrastructure (`GET /api/2/infra/{id}`).
public struct AcronisInfra: Sendable, Hashable, Decodable {
    public var id: String
    public var name: String?
    public var ownerTenantID: String?
    public var locationID: String?
    /// True when hosted by Acronis (not partner-owned).
    public var platformOwned: Bool?
    /// `backup`, `disaster_recovery`, `files_cloud`.
    public var capabilities: [String]?
    public var backendType: String?
    /// Where the storage is reached (a public cloud's endpoint for partner-owned storages).
    public var url: String?

    enum CodingKeys: String, CodingKey {
        case id, name, capabilities, url
        case ownerTenantID = "owner_tenant_id"
        case locationID = "location_id"
        case platformOwned = "platform_owned"
        case backendType = "backend_type"
    }
}
