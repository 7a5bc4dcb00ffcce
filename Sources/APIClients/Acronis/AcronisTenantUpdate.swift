/// Body of `PUT /api/2/tenants/{id}`: the current `version` plus only the fields to change
/// (fields left nil are not sent).
public struct AcronisTenantUpdate: Sendable, Hashable, Encodable {
    public var version: Int64
    public var name: String?
    public var enabled: Bool?
    public var customerID: String?
    public var internalTag: String?
    public var language: String?
    public var contact: AcronisContact?

    public init(
        version: Int64, name: String? = nil, enabled: Bool? = nil, customerID: String? = nil,
        internalTag: String? = nil, language: String? = nil, contact: AcronisContact? = nil
    ) {
        self.version = version
        self.name = name
        self.enabled = enabled
        self.customerID = customerID
        self.internalTag = internalTag
        self.language = language
        self.contact = contact
    }

    enum CodingKeys: String, CodingKey {
        case version, name, enabled, language, contact
        case customerID = "customer_id"
        case internalTag = "internal_tag"
    }
}
