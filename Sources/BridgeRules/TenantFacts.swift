import Foundation

/// A cloud tenant as the scope rule (P1) and the provisioning planner (P2-P6) see it.
///
/// - `kind`: the Acronis tenant `kind` (`customer`, `partner`, `folder`, `unit`, `root`).
/// - `selfServiceMode`: the tenant is in self-service mode (Acronis `ancestral_access == false`:
///   the partner has no management access).
/// - `supportAccessDisabled`: the customer disabled support access for its partner.
/// - `isEnabled`: Acronis `enabled` (false: suspended).
/// - `pricingMode`: the pricing `mode` (`trial`, `production`); nil when unknown or another mode.
/// - `createdAt`: the tenant's `created_at`; a Trial counts from here (P4).
/// - `offeringItems`: the tenant's offering items with their current status and quota
///   (`GET /tenants/{id}/offering_items?edition=*`).
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
    /// Whether the tenant is enabled (not suspended).
    public var isEnabled: Bool
    /// Trial or Production; nil when not known.
    public var pricingMode: TenantPricingMode?
    /// When the tenant was created; nil when not known.
    public var createdAt: Date?
    /// The tenant's offering items as the cloud reports them now.
    public var offeringItems: [TenantOfferingItem]

    /// A `TenantFacts` from its parts.
    public init(
        id: String, name: String, kind: String = "customer", selfServiceMode: Bool = false,
        supportAccessDisabled: Bool = false, isEnabled: Bool = true, pricingMode: TenantPricingMode? = nil,
        createdAt: Date? = nil, offeringItems: [TenantOfferingItem] = []
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.selfServiceMode = selfServiceMode
        self.supportAccessDisabled = supportAccessDisabled
        self.isEnabled = isEnabled
        self.pricingMode = pricingMode
        self.createdAt = createdAt
        self.offeringItems = offeringItems
    }

    /// The offering item `item`, if the tenant has it.
    public subscript(item: OfferingItemKey) -> TenantOfferingItem? {
        offeringItems.first { $0.item == item }
    }
}
