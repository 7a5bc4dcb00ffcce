/// The cloud refused a new customer tenant because the partner already has a tenant of that name
/// that is not this company's (P4, P5): the operator decides whether it is the same customer.
public struct TenantNameTaken: Error, CustomStringConvertible, Sendable {
    /// The name asked for.
    public var name: String
    /// The existing tenant of that name, when the cloud lists it.
    public var existingTenantID: String?
    /// The PSA company the tenant was for.
    public var companyID: String

    public var description: String {
        let existing = existingTenantID.map { " (\($0))" } ?? ""
        let map = existingTenantID.map { "bridgectl map company \(companyID) --tenant \($0)" } ?? "bridgectl map company \(companyID) --tenant ID"
        return "a tenant named '\(name)'\(existing) already exists under the partner and is not mapped to this company: "
            + "if it is this customer, map it with `\(map)`; otherwise rename the company or the tenant"
    }
}
