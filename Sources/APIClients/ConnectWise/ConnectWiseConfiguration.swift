import BridgeValues

/// Connection settings of a ``ConnectWiseClient``.
public struct ConnectWiseConfiguration: Sendable {
    /// The site users log in to: `na.myconnectwise.net`, `eu.myconnectwise.net`, an on-premise
    /// host, or a full URL (`https://cw.example.com`, `http://127.0.0.1:8080`). Cloud sites are
    /// called through their `api-` host (`api-na.myconnectwise.net`).
    public var site: String
    /// The company id typed at the login screen.
    public var companyID: String
    /// API member public key.
    public var publicKey: String
    /// API member private key.
    public var privateKey: Secret
    /// The integration's `clientId` (a GUID from the developer program; ConnectWise asks to keep
    /// it confidential, so it is held as a secret too).
    public var clientID: Secret
    /// Schema version pinned through `Accept: application/vnd.connectwise.com+json; version=…`.
    /// nil (the default) uses the server's current schema: a pin can break single endpoints.
    public var apiVersion: String?
    /// Codebase (`v2024_1/`) to use without discovery; nil discovers it through
    /// `/login/companyinfo/{company}`.
    public var codebase: String?
    /// Retry policy for 429, 5xx and transport failures.
    public var retry: HTTPRetryPolicy
    /// Records per page (`pageSize`, at most 1,000).
    public var pageSize: Int

    public init(
        site: String, companyID: String, publicKey: String, privateKey: Secret, clientID: Secret,
        apiVersion: String? = nil, codebase: String? = nil, retry: HTTPRetryPolicy = .standard, pageSize: Int = 1000
    ) {
        self.site = site
        self.companyID = companyID
        self.publicKey = publicKey
        self.privateKey = privateKey
        self.clientID = clientID
        self.apiVersion = apiVersion
        self.codebase = codebase
        self.retry = retry
        self.pageSize = min(max(pageSize, 1), 1000)
    }
}
