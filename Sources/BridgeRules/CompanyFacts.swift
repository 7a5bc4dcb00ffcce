/// A PSA company as the scope and provisioning rules see it (P1, P4).
///
/// - ConnectWise: `types[].name`, `status.name == "Active"`, `deletedFlag`.
/// - Autotask: the `companyType` picklist label, `isActive`; Autotask companies are never deleted.
public struct CompanyFacts: Sendable, Hashable {
    /// The PSA company id as decimal digits, e.g. "250".
    public var id: String
    /// The company's name.
    public var name: String
    /// The company's type names (ConnectWise companies can have several).
    public var typeNames: [String]
    /// Whether the PSA status is active.
    public var isActive: Bool
    /// Whether the PSA marks the company deleted (ConnectWise `deletedFlag`).
    public var isDeleted: Bool

    /// A `CompanyFacts` from its parts.
    public init(id: String, name: String, typeNames: [String], isActive: Bool, isDeleted: Bool = false) {
        self.id = id
        self.name = name
        self.typeNames = typeNames
        self.isActive = isActive
        self.isDeleted = isDeleted
    }
}
