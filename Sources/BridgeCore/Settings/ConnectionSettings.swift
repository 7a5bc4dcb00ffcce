import BridgeValues
import Foundation

/// How to reach the PSA and the cloud. Holds secret references only.
public struct ConnectionSettings: Sendable, Hashable {
    public var psa: PSAConnection
    public var cloud: CloudConnection

    public init(psa: PSAConnection, cloud: CloudConnection) {
        self.psa = psa
        self.cloud = cloud
    }
}

/// The one PSA of a deployment.
public enum PSAConnection: Sendable, Hashable {
    case connectWise(ConnectWiseConnection)
    case autotask(AutotaskConnection)

    public var kind: PSAKind {
        switch self {
        case .connectWise: .connectWise
        case .autotask: .autotask
        }
    }
}

/// ConnectWise Manage API member credentials.
public struct ConnectWiseConnection: Sendable, Hashable {
    /// API host, e.g. `api-na.myconnectwise.net`.
    public var site: String
    /// Company id used to log in.
    public var company: String
    /// The integration's clientId.
    public var clientId: String
    public var publicKey: SecretRef
    public var privateKey: SecretRef

    public init(site: String, company: String, clientId: String, publicKey: SecretRef, privateKey: SecretRef) {
        self.site = site
        self.company = company
        self.clientId = clientId
        self.publicKey = publicKey
        self.privateKey = privateKey
    }
}

/// Autotask API user credentials (the zone is discovered).
public struct AutotaskConnection: Sendable, Hashable {
    public var username: String
    public var secret: SecretRef
    public var integrationCode: SecretRef

    public init(username: String, secret: SecretRef, integrationCode: SecretRef) {
        self.username = username
        self.secret = secret
        self.integrationCode = integrationCode
    }
}

/// Acronis Cyber Cloud API client.
public struct CloudConnection: Sendable, Hashable {
    /// Data-center URL, e.g. `https://eu2-cloud.acronis.com`.
    public var datacenterURL: URL
    public var clientId: String
    public var clientSecret: SecretRef

    public init(datacenterURL: URL, clientId: String, clientSecret: SecretRef) {
        self.datacenterURL = datacenterURL
        self.clientId = clientId
        self.clientSecret = clientSecret
    }
}
