/// A user (`GET /api/2/users/{id}`).
public struct AcronisUser: Sendable, Hashable, Decodable {
    public var id: String
    public var version: Int64?
    public var tenantID: String?
    public var login: String?
    public var contact: AcronisContact?
    public var activated: Bool?
    public var enabled: Bool?
    public var language: String?
    public var mfaStatus: String?

    enum CodingKeys: String, CodingKey {
        case id, version, login, contact, activated, enabled, language
        case tenantID = "tenant_id"
        case mfaStatus = "mfa_status"
    }
}
