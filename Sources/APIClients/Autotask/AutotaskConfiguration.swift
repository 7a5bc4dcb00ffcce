import BridgeValues

/// Connection settings of an ``AutotaskClient``.
public struct AutotaskConfiguration: Sendable {
    /// API-only user name (an e-mail address), sent as `UserName`.
    public var userName: String
    /// The API user's secret, sent as `Secret`.
    public var secret: Secret
    /// The API tracking identifier, sent as `ApiIntegrationCode`; thread limits are counted per code.
    public var integrationCode: Secret
    /// Where the zone is discovered: `{discoveryURL}/v1.0/zoneInformation?user=`.
    public var discoveryURL: String
    /// The zone's REST root (`https://webservices5.autotask.net/atservicesrest/`) to use without
    /// discovery; nil discovers it.
    public var zoneURL: String?
    /// Retry policy for 429, thread-limit rejections, 5xx on reads, and transport failures.
    public var retry: HTTPRetryPolicy
    /// Client-side limits. Share one limiter between all Autotask clients of a process.
    public var limiter: AutotaskRequestLimiter
    /// Records per query page (`MaxRecords`, at most 500).
    public var pageSize: Int

    public init(
        userName: String, secret: Secret, integrationCode: Secret,
        discoveryURL: String = "https://webservices2.autotask.net/atservicesrest", zoneURL: String? = nil,
        retry: HTTPRetryPolicy = .standard, limiter: AutotaskRequestLimiter = AutotaskRequestLimiter(),
        pageSize: Int = 500
    ) {
        self.userName = userName
        self.secret = secret
        self.integrationCode = integrationCode
        self.discoveryURL = discoveryURL
        self.zoneURL = zoneURL
        self.retry = retry
        self.limiter = limiter
        self.pageSize = min(max(pageSize, 1), 500)
    }
}
