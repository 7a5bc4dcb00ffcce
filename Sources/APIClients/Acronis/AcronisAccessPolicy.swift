/// A role granted to a user (`PUT /api/2/users/{id}/access_policies`).
public struct AcronisAccessPolicy: Sendable, Hashable, Codable {
    public var id: String
    public var issuerID: String
    /// e.g. `company_admin`, `partner_admin`.
    public var roleID: String
    public var tenantID: String
    public var trusteeID: String
    public var trusteeType: String
    public var version: Int64

    /// A new policy (null UUIDs and version 0, as the API expects for new entries).
    public init(roleID: String, tenantID: String, userID: String) {
        self.id = "00000000-0000-0000-0000-000000000000"
        self.issuerID = "00000000-0000-0000-0000-000000000000"
        self.roleID = roleID
        self.tenantID = tenantID
        self.trusteeID = userID
        self.trusteeType = "user"
        self.version = 0
    }

    enum CodingKeys: String, CodingKey {
        case id, version
        case issuerID = "issuer_id"
        case roleID = "role_id"
        case tenantID = "tenant_id"
        case trusteeID = "trustee_id"
        case trusteeType = "trustee_type"
    }
}
