/// One entry of `PUT /api/2/tenants/{id}/offering_items` (body root key `offering_items`).
/// Send only the items to change.
public struct AcronisOfferingItemUpdate: Sendable, Hashable, Encodable {
    public var applicationID: String
    public var name: String
    /// 1 enable, 0 disable.
    public var status: Int
    /// Required for `infra` items (one entry per storage).
    public var infraID: String?
    /// nil = no quota change; to make an item unlimited send ``AcronisQuota/unlimited(version:)``.
    public var quota: AcronisQuota?

    public init(applicationID: String, name: String, status: Int, infraID: String? = nil, quota: AcronisQuota? = nil) {
        self.applicationID = applicationID
        self.name = name
        self.status = status
        self.infraID = infraID
        self.quota = quota
    }

    /// Enables an item with the given quota.
    public static func enable(_ item: AcronisOfferingItem, quota: AcronisQuota?) -> AcronisOfferingItemUpdate {
        AcronisOfferingItemUpdate(
            applicationID: item.applicationID, name: item.name, status: 1, infraID: item.infraID, quota: quota)
    }

    /// Disables an item.
    public static func disable(_ item: AcronisOfferingItem) -> AcronisOfferingItemUpdate {
        AcronisOfferingItemUpdate(applicationID: item.applicationID, name: item.name, status: 0, infraID: item.infraID)
    }

    enum CodingKeys: String, CodingKey {
        case name, status, quota
        case applicationID = "application_id"
        case infraID = "infra_id"
    }
}
