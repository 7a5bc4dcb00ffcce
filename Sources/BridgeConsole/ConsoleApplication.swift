import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL

/// The console's HTTP application: security headers on every response, the session check, then
/// the tabs' routes.
public struct ConsoleApplication: Sendable {
    public var services: ConsoleServices
    public var configuration: ConsoleConfiguration

    public init(services: ConsoleServices, configuration: ConsoleConfiguration) {
        self.services = services
        self.configuration = configuration
    }

    /// The router, also what the route tests drive.
    public func router() -> Router<ConsoleContext> {
        let router = Router(context: ConsoleContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ConsoleSessionMiddleware(sessions: services.sessions))
        LoginRoutes(services: services).register(on: router)
        SummaryRoutes(services: services).register(on: router)
        CompanyRoutes(services: services).register(on: router)
        SettingsRoutes(services: services).register(on: router)
        PreviewRoutes(services: services).register(on: router)
        DeadLetterRoutes(services: services).register(on: router)
        AuditRoutes(services: services).register(on: router)
        return router
    }

    /// The application, a `Service` to run; `onListening` gets the URL once it listens.
    /// - Throws: when the configuration is refused or the TLS files cannot be read.
    public func application(onListening: @escaping @Sendable (String) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        if let problem = configuration.problem { throw ConsoleConfigurationError(problem) }
        let address = BindAddress.hostname(configuration.host, port: configuration.port)
        let settings = ApplicationConfiguration(address: address, serverName: "psa-bridge-console")
        var server = HTTPServerBuilder.http1()
        if let certificate = configuration.tlsCertificatePath, let key = configuration.tlsKeyPath {
            let tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
            server = try .tls(.http1(), tlsConfiguration: tls)
        }
        let scheme = configuration.servesTLS ? "https" : "http"
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return Application(
            router: router(), server: server, configuration: settings,
            onServerRunning: { channel in await onListening("\(scheme)://\(host):\(channel.localAddress?.port ?? configuration.port)/") },
            logger: services.logger)
    }
}

/// A configuration the console refuses to start with.
public struct ConsoleConfigurationError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
