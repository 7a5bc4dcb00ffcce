/// A cloud tenant as the scope rule sees it (P1).
///
/// - `kind`: the Acronis tenant `kind` (`customer`, `partner`, `folder`, `unit`, `root`).
/// - `selfServiceMode`: the tenant is in self-service mode (Acronis `ancestral_access == false`:
///   the partner has no management access).
/// - `supportAccessDisabled`: the customer disabled support access for its partner.
public struct TenantFacts: Sendable, Hashable {
    /// The tenant's id.
    public var id: String
    /// The tenant's name.
    public var name: String
    /// The Acronis tenant kind.
    public var kind: String
    /// Whether the tenant is in self-service mode.
    public var selfServiceMode: Bool
    /// Whether the tenant disabled support access.
    public var supportAccessDisabled: Bool

    /// A `TenantFacts` from its parts.
    public init(id: String, name: String, kind: String = "customer", selfServiceMode: Bool = false, supportAccessDisabled: Bool = false) {
        self.id = id
        self.name = name
        self.kind = kind
        self.selfServiceMode = selfServiceMode
        self.supportAccessDisabled = supportAccessDisabled
    }
}
