/// The credentials each simulated API accepts.
public struct SandboxCredentials: Sendable, Hashable, Codable {
    /// Acronis API client (client credentials grant).
    public struct Acronis: Sendable, Hashable, Codable {
        public var clientId: String
        public var clientSecret: String
        public init(clientId: String, clientSecret: String) {
            self.clientId = clientId
            self.clientSecret = clientSecret
        }
    }

    /// ConnectWise API member keys and the integration's clientId.
    public struct ConnectWise: Sendable, Hashable, Codable {
        /// The company id typed at the login screen (first half of the Basic user name).
        public var companyId: String
        public var publicKey: String
        public var privateKey: String
        /// The clientId header value (a GUID issued to the integration).
        public var clientId: String
        public init(companyId: String, publicKey: String, privateKey: String, clientId: String) {
            self.companyId = companyId
            self.publicKey = publicKey
            self.privateKey = privateKey
            self.clientId = clientId
        }
    }

    /// Autotask API-only user.
    public struct Autotask: Sendable, Hashable, Codable {
        public var userName: String
        public var secret: String
        public var integrationCode: String
        public init(userName: String, secret: String, integrationCode: String) {
            self.userName = userName
            self.secret = secret
            self.integrationCode = integrationCode
        }
    }

    public var acronis: Acronis
    public var connectWise: ConnectWise
    public var autotask: Autotask

    public init(
        acronis: Acronis = .init(clientId: "sandbox-client", clientSecret: "sandbox-client-secret"),
        connectWise: ConnectWise = .init(
            companyId: "sandbox", publicKey: "sandboxPublicKey", privateKey: "sandboxPrivateKey",
            clientId: "2b6e4c1a-9f7d-4e3b-8a55-0c1d2e3f4a5b"),
        autotask: Autotask = .init(
            userName: "api-user@sandbox.example", secret: "sandbox-secret",
            integrationCode: "SANDBOXINTEGRATIONCODE00000")
    ) {
        self.acronis = acronis
        self.connectWise = connectWise
        self.autotask = autotask
    }

    /// The default sandbox credentials (documented in API.md; not secret).
    public static let standard = SandboxCredentials()
}
