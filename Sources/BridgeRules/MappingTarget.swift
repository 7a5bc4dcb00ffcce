/// What an operator (or automatic creation, P4) maps a company to (P5).
public enum MappingTarget: Sendable, Hashable {
    /// A customer tenant the provisioner creates.
    case newTenant
    /// An existing tenant, by id.
    case existingTenant(tenantID: String)
}
