/// Body of `POST /api/2/tenants`. `name`, `parent_id` and `kind` are required.
public struct AcronisTenantCreate: Sendable, Hashable, Encodable {
    public var name: String
    public var parentID: String
    public var kind: AcronisTenantKind
    public var enabled: Bool?
    /// The PSA company id, for reporting (`customer_id`).
    public var customerID: String?
    public var internalTag: String?
    public var language: String?
    public var contact: AcronisContact?

    public init(
        name: String, parentID: String, kind: AcronisTenantKind, enabled: Bool? = nil, customerID: String? = nil,
        internalTag: String? = nil, language: String? = nil, contact: AcronisContact? = nil
    ) {
        self.name = name
        self.parentID = parentID
        self.kind = kind
        self.enabled = enabled
        self.customerID = customerID
        self.internalTag = internalTag
        self.language = language
        self.contact = contact
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, enabled, language, contact
        case parentID = "parent_id"
        case customerID = "customer_id"
        case internalTag = "internal_tag"
    }
}
