import BridgeCore
import BridgeState
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// What a worker's handler may use, built once per process.
public struct WorkerEnvironment: Sendable {
    public var kind: WorkerKind
    public var instance: String
    public var store: StateStore
    public var catalog: SchemaCatalog
    public var bus: any MessageBus
    public var logger: Logger
}

/// Starts a worker process: logging, metrics, the state database, the broker, the consumer of the
/// worker's queues and the /metrics and /health server, all in one `ServiceGroup` that drains
/// on SIGTERM or SIGINT (SPEC S4).
public enum WorkerLauncher {
    /// Runs worker `kind` with the handler `makeHandler` builds, until SIGTERM.
    public static func run(
        _ kind: WorkerKind, options: WorkerRunOptions,
        makeHandler: @Sendable (WorkerEnvironment) throws -> any MessageHandler
    ) async throws {
        try await run(kind, options: options) { environment in
            WorkerComponents(handler: try makeHandler(environment))
        }
    }

    /// Runs worker `kind` with the handler and the extra services (e.g. a poll loop) that
    /// `makeComponents` builds, until SIGTERM; then runs the components' shutdown.
    public static func run(
        _ kind: WorkerKind, options: WorkerRunOptions,
        makeComponents: @Sendable (WorkerEnvironment) async throws -> WorkerComponents
    ) async throws {
        let logger = bootstrapLogging(label: "psa-bridge.\(kind.rawValue)", level: options.fleet.resolvedLogLevel, instance: options.instance)
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let environment = try await makeEnvironment(
            kind, fleet: options.fleet, instance: options.instance, messageLease: options.messageLease, logger: logger)
        let components = try await makeComponents(environment)
        let handler = components.handler
        let settings = try? await SettingsRepository(store: environment.store, catalog: environment.catalog).current()
        let retryPolicy = settings?.retry.policy ?? RetryPolicy()
        let processor = DeliveryProcessor(
            worker: kind, instance: options.instance, decoder: MessageDecoder(catalog: environment.catalog),
            store: environment.store, bus: environment.bus, retryPolicy: retryPolicy, handler: handler, logger: logger,
            metrics: WorkerMetrics(worker: kind))
        let worker = WorkerService(
            queues: kind.queues, bus: environment.bus, processor: processor, prefetch: options.prefetch,
            concurrency: options.concurrency, logger: logger)
        let amqpBus = environment.bus as? AMQPMessageBus
        let observability = ObservabilityServer(
            host: options.metricsHost, port: options.resolvedMetricsPort, registry: registry,
            health: {
                let connected = amqpBus?.isConnected ?? true
                return HealthReport(
                    healthy: connected, worker: kind.rawValue, instance: options.instance, brokerConnected: connected,
                    detail: connected ? nil : "broker connection down; reconnecting")
            }, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: observability.application()),
                    .init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup),
                ] + components.services.map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup) },
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await environment.store.recordHeartbeat(worker: kind.rawValue, instanceId: options.instance)
        try await group.run()
        await components.shutdown()
        await amqpBus?.close()
        logger.info("exited cleanly")
    }

    /// Opens the state database, loads the schemas and connects to the broker.
    public static func makeEnvironment(
        _ kind: WorkerKind, fleet: FleetOptions, instance: String, messageLease: Double = 120, logger: Logger
    ) async throws -> WorkerEnvironment {
        let catalog: SchemaCatalog
        if let directory = fleet.resolvedSchemasDirectory {
            catalog = try SchemaCatalog(directory: URL(fileURLWithPath: directory))
        } else {
            catalog = try SchemaCatalog.loadDefault()
        }
        var storeOptions = StateStore.Options()
        storeOptions.messageLease = messageLease
        storeOptions.effectLease = messageLease
        let store = try StateStore(path: try fleet.resolvedDatabasePath(), options: storeOptions)
        let bus = try await AMQPMessageBus.connect(
            url: try fleet.resolvedAMQPURL(), name: "\(kind.rawValue)@\(instance)", logger: logger)
        return WorkerEnvironment(kind: kind, instance: instance, store: store, catalog: catalog, bus: bus, logger: logger)
    }

    /// Sets up swift-log once per process: key=value lines on standard error at `level`.
    public static func bootstrapLogging(label: String, level: String, instance: String) -> Logger {
        let logLevel = Logger.Level(rawValue: level) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logLevel
            return handler
        }
        var logger = Logger(label: label)
        logger[metadataKey: "instance"] = "\(instance)"
        return logger
    }
}
