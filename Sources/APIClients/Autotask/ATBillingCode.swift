/// An allocation code (`/BillingCodes`): what a service, charge or time entry bills to.
public struct ATBillingCode: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String?
    public var isActive: Bool?
}
