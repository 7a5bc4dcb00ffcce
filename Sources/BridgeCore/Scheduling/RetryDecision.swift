/// What a worker does with a failed message.
public enum RetryDecision: Sendable, Hashable {
    /// Republish with `attempt = nextAttempt` through `tier`'s delay queue.
    case retry(tier: RetryTier, nextAttempt: Int)
    /// Send to the dead-letter queue with the reason.
    case deadLetter(DeadLetterReason)
}
