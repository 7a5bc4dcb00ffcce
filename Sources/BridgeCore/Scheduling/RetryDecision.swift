/// What a worker does with a failed message.
public enum RetryDecision: Sendable, Hashable {
    /// Defer with `attempt = nextAttempt` for `tier`'s delay.
    case retry(tier: RetryTier, nextAttempt: Int)
    /// Send to the dead-letter queue with the reason.
    case deadLetter(DeadLetterReason)
}
