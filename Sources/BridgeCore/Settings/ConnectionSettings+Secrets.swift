import BridgeValues
import Foundation

extension ConnectionSettings {
    /// Reads every secret. `baseDirectory` anchors relative `{file: PATH}` references (the
    /// settings file's directory). Fails listing every secret that could not be read.
    public func resolveSecrets(
        environment: [String: String] = ProcessInfo.processInfo.environment, relativeTo baseDirectory: URL? = nil
    ) throws(SecretResolutionError) -> ResolvedConnection {
        var failures: [(JSONPointer, SecretError)] = []
        func read(_ ref: SecretRef, _ path: JSONPointer) -> Secret {
            do {
                return try ref.resolve(environment: environment, relativeTo: baseDirectory)
            } catch {
                failures.append((path, error))
                return Secret("")
            }
        }
        let psaResolved: ResolvedConnection.PSA
        switch psa {
        case .connectWise(let cw):
            psaResolved = .connectWise(
                site: cw.site, company: cw.company, clientId: cw.clientId,
                publicKey: read(cw.publicKey, "/connection/psa/connectwise/publicKey"),
                privateKey: read(cw.privateKey, "/connection/psa/connectwise/privateKey"))
        case .autotask(let at):
            psaResolved = .autotask(
                username: at.username, secret: read(at.secret, "/connection/psa/autotask/secret"),
                integrationCode: read(at.integrationCode, "/connection/psa/autotask/integrationCode"))
        }
        let cloudSecret = read(cloud.clientSecret, "/connection/cloud/clientSecret")
        guard failures.isEmpty else { throw SecretResolutionError(failures: failures) }
        return ResolvedConnection(
            psa: psaResolved, datacenterURL: cloud.datacenterURL, cloudClientId: cloud.clientId,
            cloudClientSecret: cloudSecret)
    }
}
