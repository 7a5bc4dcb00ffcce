/// Zone discovery answer (`GET /v1.0/zoneInformation?user=`).
public struct ATZoneInformation: Sendable, Hashable, Decodable {
    public var zoneName: String?
    /// REST root of the zone, e.g. `https://webservices5.autotask.net/atservicesrest/`.
    public var url: String
    public var webUrl: String?
    public var ci: Int?
}
