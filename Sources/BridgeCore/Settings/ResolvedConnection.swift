import BridgeValues
import Foundation

/// Connection settings with their secrets read, for the API clients. Printing it shows
/// `<redacted>` for every secret.
public struct ResolvedConnection: Sendable {
    public enum PSA: Sendable {
        case connectWise(site: String, company: String, clientId: String, publicKey: Secret, privateKey: Secret)
        case autotask(username: String, secret: Secret, integrationCode: Secret)
    }

    public var psa: PSA
    public var datacenterURL: URL
    public var cloudClientId: String
    public var cloudClientSecret: Secret
}
