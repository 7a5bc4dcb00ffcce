import Metrics

/// The counters and timer every worker reports on `/metrics` (Prometheus names in brackets).
public struct WorkerMetrics: Sendable {
    /// Deliveries taken from a queue [`bridge_messages_consumed_total`].
    public let consumed: Counter
    /// Deliveries acknowledged after handling or as duplicates [`bridge_messages_acked_total`].
    public let acked: Counter
    /// Deliveries deferred for another attempt [`bridge_messages_retried_total`].
    public let retried: Counter
    /// Deliveries sent to a dead-letter queue [`bridge_messages_dead_lettered_total`].
    public let deadLettered: Counter
    /// Deliveries returned to their queue because their outcome could not be made durable.
    public let requeued: Counter
    /// Deliveries skipped because their idempotency key was already handled.
    public let duplicates: Counter
    /// Deliveries handed back to their queue unhandled while the worker was paused by a
    /// configuration failure [`bridge_messages_handed_back_total`].
    public let handedBack: Counter
    /// 1 while the worker is paused by a configuration failure, else 0 [`bridge_worker_paused`].
    public let paused: Gauge
    /// Time spent in the handler [`bridge_handler_duration_seconds`].
    public let handlerDuration: Timer

    public init(worker: WorkerKind) {
        let dimensions = [("worker", worker.rawValue)]
        consumed = Counter(label: "bridge_messages_consumed_total", dimensions: dimensions)
        acked = Counter(label: "bridge_messages_acked_total", dimensions: dimensions)
        retried = Counter(label: "bridge_messages_retried_total", dimensions: dimensions)
        deadLettered = Counter(label: "bridge_messages_dead_lettered_total", dimensions: dimensions)
        requeued = Counter(label: "bridge_messages_requeued_total", dimensions: dimensions)
        duplicates = Counter(label: "bridge_messages_duplicate_total", dimensions: dimensions)
        handedBack = Counter(label: "bridge_messages_handed_back_total", dimensions: dimensions)
        paused = Gauge(label: "bridge_worker_paused", dimensions: dimensions)
        handlerDuration = Timer(label: "bridge_handler_duration_seconds", dimensions: dimensions)
    }
}
