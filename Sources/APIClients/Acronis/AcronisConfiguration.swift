import BridgeValues

/// Connection settings of an ``AcronisClient``.
public struct AcronisConfiguration: Sendable {
    /// Data-center URL shown next to the API client in the management portal,
    /// e.g. `https://eu2-cloud.acronis.com` (no path).
    public var baseURL: String
    /// API client id (`client_id`).
    public var clientID: String
    /// API client secret.
    public var clientSecret: Secret
    /// Retry policy for 429, 5xx and transport failures.
    public var retry: HTTPRetryPolicy
    /// Fraction of a token's lifetime after which a new one is fetched (tokens live 2 h;
    /// 0.8 renews after 96 minutes).
    public var tokenRefreshFraction: Double
    /// Page size (`limit`) for cursor-paged listings.
    public var pageSize: Int

    public init(
        baseURL: String, clientID: String, clientSecret: Secret, retry: HTTPRetryPolicy = .standard,
        tokenRefreshFraction: Double = 0.8, pageSize: Int = 100
    ) {
        self.baseURL = baseURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.retry = retry
        self.tokenRefreshFraction = tokenRefreshFraction
        self.pageSize = pageSize
    }
}
