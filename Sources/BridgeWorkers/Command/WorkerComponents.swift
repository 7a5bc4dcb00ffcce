import ServiceLifecycle

/// What a worker process runs besides the runtime: its message handler, extra services that
/// run next to the consumer in the same `ServiceGroup` (the alert-consumer's poll loop), and
/// what to close once they all stopped (HTTP clients).
public struct WorkerComponents: Sendable {
    public var handler: any MessageHandler
    public var services: [any Service]
    public var shutdown: @Sendable () async -> Void

    public init(
        handler: any MessageHandler, services: [any Service] = [], shutdown: @escaping @Sendable () async -> Void = {}
    ) {
        self.handler = handler
        self.services = services
        self.shutdown = shutdown
    }
}
