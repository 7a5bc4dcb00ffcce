import ArgumentParser

/// Options of a worker process (`provisioner`, `usage-reporter`, `alert-consumer`, `ticket-updater`).
public struct WorkerRunOptions: ParsableArguments, Sendable {
    @OptionGroup public var fleet: FleetOptions

    @Option(help: "Instance name, unique per worker kind on a host (systemd's %i).")
    public var instance: String = "1"

    @Option(help: "Port of /metrics and /health. Default: --metrics-port-base plus the instance number.")
    public var metricsPort: Int?

    @Option(help: "Base port for /metrics and /health; instance N listens on base+N. 0 picks a free port.")
    public var metricsPortBase: Int = 0

    @Option(help: "Address /metrics and /health listen on.")
    public var metricsHost: String = "127.0.0.1"

    @Option(help: "Most unacknowledged deliveries per queue (AMQP prefetch).")
    public var prefetch: Int = 100

    @Option(help: "Most messages handled at once.")
    public var concurrency: Int = 32

    @Option(help: "Seconds a claimed message is reserved for this instance; after a crash, its redelivery waits this long. Keep it above the longest handling time.")
    public var messageLease: Double = 120

    @Option(help: "Seconds between handing freed heap memory back to the system (glibc malloc_trim); 0 never.")
    public var memoryTrimInterval: Double = 1

    public init() {}

    /// The port for /metrics and /health.
    public var resolvedMetricsPort: Int {
        if let metricsPort { return metricsPort }
        guard metricsPortBase > 0 else { return 0 }
        return metricsPortBase + (Int(instance) ?? 0)
    }

    public func validate() throws {
        guard prefetch > 0 else { throw ValidationError("--prefetch must be at least 1") }
        guard messageLease > 0 else { throw ValidationError("--message-lease must be positive") }
        guard concurrency > 0 else { throw ValidationError("--concurrency must be at least 1") }
        guard memoryTrimInterval >= 0 else { throw ValidationError("--memory-trim-interval must be 0 (never) or positive") }
        guard !instance.isEmpty, instance.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ValidationError("--instance must be letters, digits, '-' or '_'")
        }
    }
}
