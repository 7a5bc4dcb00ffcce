/// The fleet's own AMQP header names. The broker owns every `x-` header (it rewrites `x-death`
/// since 3.13), so retries and dead letters carry their facts here instead.
public enum BridgeHeaders {
    /// 1-based attempt number of this delivery of the message.
    public static let attempt = "bridge-attempt"
    /// Why a dead-lettered message was dead-lettered: a code such as `malformed-json`.
    public static let deadReason = "bridge-dead-reason"
    /// The full human-readable reason of a dead letter.
    public static let deadDetail = "bridge-dead-detail"
    /// The queue the message was consumed from when it failed.
    public static let sourceQueue = "bridge-source-queue"
    /// The exchange the message was first published to.
    public static let originalExchange = "bridge-original-exchange"
    /// The routing key the message was first published with.
    public static let originalRoutingKey = "bridge-original-routing-key"
    /// When the message was dead-lettered (RFC 3339).
    public static let deadAt = "bridge-dead-at"
    /// How many times the message was replayed from a dead-letter queue.
    public static let replayCount = "bridge-replay-count"
    /// The worker instance that dead-lettered the message.
    public static let deadBy = "bridge-dead-by"
}
