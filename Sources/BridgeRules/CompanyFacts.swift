/// A PSA company as the scope and provisioning rules see it (P1, P4).
///
/// - ConnectWise: `types[].name`, `status.name == "Active"`, `deletedFlag`.
/// - Autotask: the `companyType` picklist label, `isActive`; Autotask companies are never deleted.
public struct CompanyFacts: Sendable, Hashable {
    /// The PSA company id as decimal digits, e.g. "250".
    public var id: String
    public var name: String
    /// The company's type names (ConnectWise companies can have several).
    public var typeNames: [String]
    public var isActive: Bool
    public var isDeleted: Bool

    public init(id: String, name: String, typeNames: [String], isActive: Bool, isDeleted: Bool = false) {
        self.id = id
        self.name = name
        self.typeNames = typeNames
        self.isActive = isActive
        self.isDeleted = isDeleted
    }
}
