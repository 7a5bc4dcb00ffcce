import Foundation

/// One usage counter of a tenant (`GET /api/2/tenants/{id}/usages`). Covers the current period
/// only; values are refreshed periodically by the platform.
public struct AcronisUsage: Sendable, Hashable, Decodable {
    /// Name with edition prefix (the offering item name).
    public var name: String
    /// Name without prefix.
    public var usageName: String?
    public var applicationID: String?
    public var edition: String?
    /// `count`, `feature` or `infra`.
    public var type: String?
    /// Storage id for infra usages (one row per storage).
    public var infraID: String?
    /// `quantity`, `bytes`, `seconds` or `n/a`.
    public var measurementUnit: String?
    /// Start of the current collection period.
    public var rangeStart: Date?
    /// Value in the period (cumulative since `rangeStart` for `compute_points`).
    public var value: Double
    /// Accumulated value.
    public var absoluteValue: Double?
    /// The offering item's status and quota, when the usage has one.
    public var offeringItem: OfferingItemState?

    /// `offering_item` member of a usage row.
    public struct OfferingItemState: Sendable, Hashable, Decodable {
        public var status: Int?
        public var quota: AcronisQuota?
    }

    enum CodingKeys: String, CodingKey {
        case name, edition, type, value
        case usageName = "usage_name"
        case applicationID = "application_id"
        case infraID = "infra_id"
        case measurementUnit = "measurement_unit"
        case rangeStart = "range_start"
        case absoluteValue = "absolute_value"
        case offeringItem = "offering_item"
    }
}
