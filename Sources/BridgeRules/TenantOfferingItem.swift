/// One offering item of a tenant as the cloud reports it now (P2, P3, P6), which the provisioning
/// planner compares with the quota it plans.
///
/// From the Acronis offering item: `status` 0 is ``QuotaTarget/disabled``; status 1 with
/// `quota.value` null is ``QuotaTarget/unlimited``, with a number n ``QuotaTarget/limited(_:)``
/// and `quota.overage` in ``overage``.
public struct TenantOfferingItem: Sendable, Hashable {
    /// The offering item.
    public var item: OfferingItemKey
    /// What the item counts; nil for units the rules do not set quotas for (`seconds`, `n/a`
    /// features): such items are left alone unless a product mapping names them.
    public var unit: OfferingItemUnit?
    /// The item's current status and quota value.
    public var quota: QuotaTarget
    /// The current `quota.overage`; a planned ``QuotaTarget/limited(_:)`` has overage 0, so a
    /// limited item with another overage (or none) is changed.
    public var overage: Int?
    /// Acronis `locked`: the item's status and quota cannot be changed on their own, so the
    /// planner never changes it.
    public var locked: Bool

    /// A `TenantOfferingItem` from its parts.
    public init(item: OfferingItemKey, unit: OfferingItemUnit?, quota: QuotaTarget, overage: Int? = 0, locked: Bool = false) {
        self.item = item
        self.unit = unit
        self.quota = quota
        self.overage = overage
        self.locked = locked
    }

    /// Whether the item already has `target`: the same status and value, and overage 0 for a
    /// limited quota.
    public func satisfies(_ target: QuotaTarget) -> Bool {
        guard quota == target else { return false }
        if case .limited = target { return overage == 0 }
        return true
    }
}
