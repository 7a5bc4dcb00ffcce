/// The credentials each simulated API accepts.
public struct SandboxCredentials: Sendable, Hashable, Codable {
    /// Acronis API client (client credentials grant).
    public struct Acronis: Sendable, Hashable, Codable {
        /// API client id.
        public var clientId: String
        /// API client secret.
        public var clientSecret: String
        /// An API client.
        public init(clientId: String, clientSecret: String) {
            self.clientId = clientId
            self.clientSecret = clientSecret
        }
    }

    /// ConnectWise API member keys and the integration's clientId.
    public struct ConnectWise: Sendable, Hashable, Codable {
        /// The company id typed at the login screen (first half of the Basic user name).
        public var companyId: String
        /// API member public key.
        public var publicKey: String
        /// API member private key.
        public var privateKey: String
        /// The clientId header value (a GUID issued to the integration).
        public var clientId: String
        /// ConnectWise API keys.
        public init(companyId: String, publicKey: String, privateKey: String, clientId: String) {
            self.companyId = companyId
            self.publicKey = publicKey
            self.privateKey = privateKey
            self.clientId = clientId
        }
    }

    /// Autotask API-only user.
    public struct Autotask: Sendable, Hashable, Codable {
        /// API-only user name (an e-mail address).
        public var userName: String
        /// The user's secret.
        public var secret: String
        /// The API tracking identifier.
        public var integrationCode: String
        /// An Autotask API user.
        public init(userName: String, secret: String, integrationCode: String) {
            self.userName = userName
            self.secret = secret
            self.integrationCode = integrationCode
        }
    }

    /// Accepted by the Acronis listener.
    public var acronis: Acronis
    /// Accepted by the ConnectWise listener.
    public var connectWise: ConnectWise
    /// Accepted by the Autotask listener.
    public var autotask: Autotask

    /// Credentials; the defaults are ``standard``'s.
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

    /// The default sandbox credentials for in-process tests (public: they guard nothing real).
    public static let standard = SandboxCredentials()

    /// ``standard``'s ids with fresh random secrets: what a sandbox process started from the
    /// command line accepts, so no secret it takes is written down anywhere but in the files it
    /// hands its clients.
    public static func randomSecrets() -> SandboxCredentials {
        func secret() -> String {
            (0..<32).map { _ in String("abcdefghijklmnopqrstuvwxyz0123456789".randomElement()!) }.joined()
        }
        var credentials = SandboxCredentials.standard
        credentials.acronis.clientSecret = secret()
        credentials.connectWise.publicKey = secret()
        credentials.connectWise.privateKey = secret()
        credentials.autotask.secret = secret()
        return credentials
    }
}
