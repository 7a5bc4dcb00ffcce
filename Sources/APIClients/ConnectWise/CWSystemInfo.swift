/// Server information (`GET /system/info`), used to check a connection.
public struct CWSystemInfo: Sendable, Hashable, Decodable {
    public var version: String?
    public var isCloud: Bool?
    public var serverTimeZone: String?
}
