import ArgumentParser
import BridgeConsole
import BridgeCore
import BridgeState
import BridgeWorkers
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The `console` executable: the admin web console on the fleet's state, settings and broker.
/// Binds 127.0.0.1 by default; see ``ConsoleConfiguration`` for other addresses.
@main
struct ConsoleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "psa-bridge admin web console: summary, company mapping and the fleet's operations in a browser, behind a login. Runs until SIGTERM.")

    @OptionGroup var fleet: FleetOptions
    @OptionGroup var clientOptions: APIClientOptions

    @Option(help: "Address to listen on. Anything but loopback needs --tls-certificate and --tls-key, or --behind-proxy.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port, printed at start).")
    var port = 8_480

    @Option(help: "PEM certificate chain file: the console serves HTTPS itself.")
    var tlsCertificate: String?

    @Option(help: "PEM private key file of --tls-certificate.")
    var tlsKey: String?

    @Flag(help: "A reverse proxy terminates TLS in front of the console: allows a non-loopback --host without TLS here, and marks cookies Secure.")
    var behindProxy = false

    @Option(help: "Hours a login lasts.")
    var sessionHours: Double = 8

    func validate() throws {
        guard sessionHours > 0, sessionHours <= 24 * 30 else { throw ValidationError("--session-hours must be more than 0 and at most 720") }
        if let problem = consoleConfiguration.problem { throw ValidationError(problem) }
    }

    var consoleConfiguration: ConsoleConfiguration {
        ConsoleConfiguration(
            host: host, port: port, tlsCertificatePath: tlsCertificate, tlsKeyPath: tlsKey, behindProxy: behindProxy,
            sessionLifetime: .seconds(Int(sessionHours * 3_600)))
    }

    func run() async throws {
        let logger = WorkerLauncher.bootstrapLogging(
            label: "psa-bridge.console", level: fleet.resolvedLogLevel,
            instance: "console")
        let catalog = try fleet.schemaCatalog()
        let store = try fleet.openState()
        // An operator's previews and checks: a few requests in flight at a time.
        let clients = try await clientOptions.pool(logger: logger, store: store, instance: "console", connections: 8)
        let broker = BrokerLink.amqp(url: try fleet.resolvedAMQPURL(), logger: logger)
        let configuration = consoleConfiguration
        let services = try ConsoleServices(
            store: store, catalog: catalog, clients: clients, broker: broker, accounts: ConsoleAccounts(store: store),
            configuration: configuration, logger: logger)
        if try await store.consoleOperators().isEmpty {
            logger.warning("no console operator exists yet: add one with `bridgectl console add-user NAME`")
        }
        let application = try ConsoleApplication(services: services, configuration: configuration).application { url in
            logger.notice("console listening", metadata: ["url": "\(url)"])
        }
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: application)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        await broker.close()
        await clients.shutdown()
        try store.close()
        logger.info("exited cleanly")
    }
}
