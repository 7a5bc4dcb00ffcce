/// A tenant's or user's contact (`contact` object). All fields optional on the wire.
public struct AcronisContact: Sendable, Hashable, Codable {
    public var email: String?
    public var firstName: String?
    public var lastName: String?
    public var phone: String?
    public var address1: String?
    public var address2: String?
    public var city: String?
    public var state: String?
    public var zipCode: String?
    public var country: String?

    public init(
        email: String? = nil, firstName: String? = nil, lastName: String? = nil, phone: String? = nil,
        address1: String? = nil, address2: String? = nil, city: String? = nil, state: String? = nil,
        zipCode: String? = nil, country: String? = nil
    ) {
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.address1 = address1
        self.address2 = address2
        self.city = city
        self.state = state
        self.zipCode = zipCode
        self.country = country
    }

    enum CodingKeys: String, CodingKey {
        case email, phone, address1, address2, city, state, country
        case firstName = "firstname"
        case lastName = "lastname"
        case zipCode = "zipcode"
    }
}
