import Foundation

/// Connection settings with their secrets read, for the API clients. Printing it shows
/// `<redacted>` for every secret.
public struct ResolvedConnection: Sendable {
    public enum PSA: Sendable {
        case connectwise(site: String, company: String, clientId: String, publicKey: Secret, privateKey: Secret)
        case autotask(username: String, secret: Secret, integrationCode: Secret)
    }

    public var psa: PSA
    public var datacenterURL: URL
    public var cloudClientId: String
    public var cloudClientSecret: Secret
}

/// Secrets that could not be read: every one, with the settings path that names it. Names
/// variables and files, never values.
public struct SecretResolutionError: Error, Sendable, Hashable, CustomStringConvertible {
    public var failures: [(path: JSONPointer, error: SecretError)] {
        zip(paths, errors).map { ($0, $1) }
    }
    private var paths: [JSONPointer]
    private var errors: [SecretError]

    init(failures: [(JSONPointer, SecretError)]) {
        self.paths = failures.map(\.0)
        self.errors = failures.map(\.1)
    }

    public var description: String {
        "cannot read \(errors.count) secret\(errors.count == 1 ? "" : "s"): "
            + zip(paths, errors).map { "\($0): \($1)" }.joined(separator: "; ")
    }
}

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
        case .connectwise(let cw):
            psaResolved = .connectwise(
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
