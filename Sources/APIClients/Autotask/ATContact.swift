/// A contact (`/Contacts`). `isActive` is an integer on this entity.
public struct ATContact: Sendable, Hashable, Decodable {
    public var id: Int
    public var companyID: Int?
    public var firstName: String?
    public var lastName: String?
    public var emailAddress: String?
    public var primaryContact: Bool?
    public var isActive: Int?
}
