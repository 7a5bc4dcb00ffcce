/// How failed message handling is retried (SPEC S3): a transient failure is retried through
/// growing delays (the message waits in the state), honouring a PSA's `Retry-After`; after
/// `maxAttempts` attempts, or at once for a malformed message or a permanent failure, the message
/// goes to its dead-letter queue with the reason.
public struct RetryPolicy: Sendable, Hashable {
    /// 5 attempts in all.
    public static let defaultMaxAttempts = 5
    /// 5 s, 30 s, 2 min, 10 min, 30 min.
    public static let defaultTiers: [RetryTier] = [
        RetryTier(.seconds(5)), RetryTier(.seconds(30)), RetryTier(.seconds(120)), RetryTier(.seconds(600)),
        RetryTier(.seconds(1800)),
    ]

    /// Attempts before a message is dead-lettered (the first delivery is attempt 1).
    public let maxAttempts: Int
    /// Delay tiers, shortest first.
    public let tiers: [RetryTier]

    public init(maxAttempts: Int = RetryPolicy.defaultMaxAttempts, tiers: [RetryTier] = RetryPolicy.defaultTiers) {
        precondition(maxAttempts >= 1, "maxAttempts must be at least 1")
        precondition(!tiers.isEmpty, "a retry policy needs at least one delay tier")
        self.maxAttempts = maxAttempts
        self.tiers = tiers.sorted { $0.delay < $1.delay }
    }

    /// What to do after attempt `attempt` (1-based) failed with `failure`.
    ///
    /// A transient failure is retried on tier `attempt - 1` (the last tier once they run out);
    /// with `retryAfter`, on the smallest tier at least that long if it is longer (the longest
    /// tier when none is). The attempt that reaches `maxAttempts` is the last.
    public func decision(attempt: Int, failure: FailureKind, retryAfter: Duration? = nil) -> RetryDecision {
        let attempt = max(attempt, 1)
        switch failure {
        case .malformed(let detail):
            return .deadLetter(.malformed(detail))
        case .permanent(let detail):
            return .deadLetter(.permanent(detail))
        case .transient(let detail):
            guard attempt < maxAttempts else {
                return .deadLetter(.attemptsExhausted(attempts: attempt, lastError: detail))
            }
            var tier = tiers[min(attempt - 1, tiers.count - 1)]
            if let retryAfter {
                let honouring = tiers.first { $0.delay >= retryAfter } ?? tiers[tiers.count - 1]
                if honouring.delay > tier.delay { tier = honouring }
            }
            return .retry(tier: tier, nextAttempt: attempt + 1)
        }
    }
}
