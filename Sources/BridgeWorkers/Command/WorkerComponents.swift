import ServiceLifecycle

/// What a worker process runs besides the runtime: its message handler, the check that its
/// settings, secrets and connections work (run at start, and while paused by a configuration
/// failure), extra services that run next to the consumer in the same `ServiceGroup` (the
/// alert-consumer's poll loop, given the worker's readiness), and what to close once they all
/// stopped (HTTP clients).
public struct WorkerComponents: Sendable {
    public var handler: any MessageHandler
    public var readiness: (any ReadinessCheck)?
    public var services: @Sendable (WorkerReadiness) -> [any Service]
    public var shutdown: @Sendable () async -> Void

    public init(
        handler: any MessageHandler, readiness: (any ReadinessCheck)? = nil,
        services: @escaping @Sendable (WorkerReadiness) -> [any Service] = { _ in [] },
        shutdown: @escaping @Sendable () async -> Void = {}
    ) {
        self.handler = handler
        self.readiness = readiness
        self.services = services
        self.shutdown = shutdown
    }
}
