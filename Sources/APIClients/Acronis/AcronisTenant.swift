import Foundation

/// A tenant (`GET /api/2/tenants/{id}`). Only `id` and `version` are required; the API adds
/// fields over time, so the rest are optional.
public struct AcronisTenant: Sendable, Hashable, Decodable {
    public var id: String
    /// Revision; every PUT and DELETE must send the current one (mismatch: 409).
    public var version: Int64
    public var name: String?
    public var kind: AcronisTenantKind?
    public var parentID: String?
    /// `false` = suspended.
    public var enabled: Bool?
    /// Free id from an external system (the PSA company id goes here).
    public var customerID: String?
    public var internalTag: String?
    public var language: String?
    public var contact: AcronisContact?
    /// `true` = managed by the service provider; `false` = self-service (P1: never changed).
    public var ancestralAccess: Bool?
    /// Tenant 2FA status as reported on the tenant, if present.
    public var mfaStatus: String?
    /// `trial`, `production` or `suspended`, when the listing includes it.
    public var pricingMode: String?
    public var createdAt: Date?
    public var updatedAt: Date?
    /// Set on soft-deleted tenants (listed with `allow_deleted=true`).
    public var deletedAt: Date?
    /// The tenant's offering items, present only when listed with `with_offering_items=true`.
    public var offeringItems: [AcronisOfferingItem]?

    enum CodingKeys: String, CodingKey {
        case id, version, name, kind, enabled, language, contact
        case parentID = "parent_id"
        case customerID = "customer_id"
        case internalTag = "internal_tag"
        case ancestralAccess = "ancestral_access"
        case mfaStatus = "mfa_status"
        case pricingMode = "pricing_mode"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case deletedAt = "deleted_at"
        case offeringItems = "offering_items"
    }
}
