import BridgeValues
import ArgumentParser
import BridgeCore
import BridgeState
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// A worker could not start because its settings, a secret or a connection its job needs does
/// not work; the message names what is missing, never a secret's value.
public struct StartupConfigurationError: Error, CustomStringConvertible {
    /// EX_CONFIG from sysexits.h.
    public static let exitStatus: Int32 = 78
    public var worker: String
    public var reason: String

    public var description: String { "\(worker) cannot start: \(reason)" }
}

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
    ///
    /// A worker whose readiness check fails at start does not consume: it writes one line naming
    /// what is missing to standard error and exits with status 78 (EX_CONFIG).
    public static func run(
        _ kind: WorkerKind, options: WorkerRunOptions,
        makeComponents: @Sendable (WorkerEnvironment) async throws -> WorkerComponents
    ) async throws {
        do {
            try await runWorker(kind, options: options, makeComponents: makeComponents)
        } catch let error as StartupConfigurationError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(StartupConfigurationError.exitStatus)
        }
    }

    private static func runWorker(
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
        let readiness = WorkerReadiness(
            check: components.readiness,
            recorder: IntegrationStatusRecorder(store: environment.store, component: "\(kind.rawValue)@\(options.instance)"),
            logger: logger)
        // At start: a worker that cannot do its job as configured does not consume. It exits
        // non-zero with one line naming what is missing, so systemd shows it and restarts it later.
        switch await readiness.evaluate() {
        case .passed:
            await readiness.markReady()
        case .failed(let reason):
            await components.shutdown()
            await (environment.bus as? AMQPMessageBus)?.close()
            throw StartupConfigurationError(worker: "\(kind.rawValue)@\(options.instance)", reason: reason)
        case .inconclusive(let detail):
            logger.warning("could not check the connections at start; consuming anyway", metadata: ["detail": "\(detail)"])
        }
        let settings = try? await SettingsRepository(store: environment.store, catalog: environment.catalog).current()
        let retryPolicy = settings?.retry.policy ?? RetryPolicy()
        let processor = DeliveryProcessor(
            worker: kind, instance: options.instance, decoder: MessageDecoder(catalog: environment.catalog),
            store: environment.store, bus: environment.bus, retryPolicy: retryPolicy, handler: handler, logger: logger,
            metrics: WorkerMetrics(worker: kind), readiness: readiness)
        let worker = WorkerService(
            queues: kind.queues, bus: environment.bus, processor: processor, prefetch: options.prefetch,
            concurrency: options.concurrency, logger: logger)
        let amqpBus = environment.bus as? AMQPMessageBus
        let observability = ObservabilityServer(
            host: options.metricsHost, port: options.resolvedMetricsPort, registry: registry,
            health: {
                let connected = amqpBus?.isConnected ?? true
                let state = await readiness.state
                var detail: String? = connected ? nil : "broker connection down; reconnecting"
                var ready = true
                if case .paused(let reason, let since) = state {
                    ready = false
                    detail = "paused since \(Timestamp.format(since, fractionalSeconds: false)) by a configuration failure: \(reason)"
                        + (connected ? "" : "; broker connection down")
                }
                return HealthReport(
                    healthy: connected && ready, worker: kind.rawValue, instance: options.instance,
                    brokerConnected: connected, ready: ready, detail: detail)
            }, logger: logger)
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: observability),
                    .init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup),
                    .init(service: MemoryTrimmer(interval: options.memoryTrimInterval, logger: logger), successTerminationBehavior: .ignore),
                ] + components.services(readiness).map { .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup) },
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
        let catalog = try fleet.schemaCatalog()
        var storeOptions = StateStore.Options()
        storeOptions.messageLease = messageLease
        storeOptions.effectLease = messageLease
        let store = try fleet.openState(options: storeOptions)
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
