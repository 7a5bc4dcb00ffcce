/// Body of `POST /api/2/users`. `login` and `contact.email` are needed for activation.
public struct AcronisUserCreate: Sendable, Hashable, Encodable {
    public var tenantID: String
    public var login: String
    public var contact: AcronisContact
    public var language: String?

    public init(tenantID: String, login: String, contact: AcronisContact, language: String? = "en") {
        self.tenantID = tenantID
        self.login = login
        self.contact = contact
        self.language = language
    }

    enum CodingKeys: String, CodingKey {
        case login, contact, language
        case tenantID = "tenant_id"
    }
}
