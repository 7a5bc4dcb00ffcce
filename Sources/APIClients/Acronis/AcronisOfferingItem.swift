/// An offering item of a tenant (`GET /api/2/tenants/{id}/offering_items?edition=*`).
public struct AcronisOfferingItem: Sendable, Hashable, Decodable {
    public var applicationID: String
    /// Name with edition prefix, e.g. `pw_base_workstations`.
    public var name: String
    /// Usage counter name without prefix, e.g. `workstations`.
    public var usageName: String?
    /// e.g. `pck_per_workload`; nil for edition-less items.
    public var edition: String?
    /// 1 enabled, 0 disabled.
    public var status: Int
    /// True when the status cannot be changed on its own.
    public var locked: Bool?
    /// `count`, `feature` or `infra`.
    public var type: String?
    /// Storage / infra id for `infra` items.
    public var infraID: String?
    /// `quantity`, `bytes`, `seconds` or `n/a`.
    public var measurementUnit: String?
    /// Absent on disabled and feature items.
    public var quota: AcronisQuota?

    public var isEnabled: Bool { status == 1 }

    enum CodingKeys: String, CodingKey {
        case name, edition, status, locked, type, quota
        case applicationID = "application_id"
        case usageName = "usage_name"
        case infraID = "infra_id"
        case measurementUnit = "measurement_unit"
    }
}
