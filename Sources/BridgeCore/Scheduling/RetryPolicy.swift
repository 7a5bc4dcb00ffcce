/// How failed message handling is retried (SPEC S3): a transient failure is retried through
/// per-queue delay queues with growing delays, honouring a PSA's `Retry-After`; after
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
    /// Delay tiers, shortest first; one delay queue per work queue and tier.
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

/// One retry delay, with a name usable in queue names ("5s", "30s", "2m", "10m", "30m", "1h").
public struct RetryTier: Sendable, Hashable, CustomStringConvertible {
    public let delay: Duration

    public init(_ delay: Duration) {
        precondition(delay > .zero, "a retry delay must be positive")
        self.delay = delay
    }

    /// Whole milliseconds, e.g. for a delay queue's `x-message-ttl`.
    public var milliseconds: Int64 {
        let (seconds, attoseconds) = delay.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// "5s", "30s", "2m", "10m", "30m", "1h", or "1500ms" for delays that are not whole seconds.
    public var name: String {
        let ms = milliseconds
        guard ms % 1000 == 0 else { return "\(ms)ms" }
        let seconds = ms / 1000
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }

    /// The delay queue of `workQueue` for this tier: `<workQueue>.retry.<name>`.
    public func queueName(for workQueue: String) -> String {
        "\(workQueue).retry.\(name)"
    }

    public var description: String { name }
}

/// How handling a message failed.
public enum FailureKind: Sendable, Hashable {
    /// May succeed later (HTTP 429/5xx, timeouts, a dependency down).
    case transient(String)
    /// Will fail again however often it is tried (a 4xx the input caused).
    case permanent(String)
    /// The message itself is unusable (see `MessageRejection`).
    case malformed(String)
}

/// What a worker does with a failed message.
public enum RetryDecision: Sendable, Hashable {
    /// Republish with `attempt = nextAttempt` through `tier`'s delay queue.
    case retry(tier: RetryTier, nextAttempt: Int)
    /// Send to the dead-letter queue with the reason.
    case deadLetter(DeadLetterReason)
}

/// Why a message was dead-lettered.
public enum DeadLetterReason: Sendable, Hashable, CustomStringConvertible {
    case malformed(String)
    case permanent(String)
    case attemptsExhausted(attempts: Int, lastError: String)

    /// A short stable code: "malformed", "permanent", "attempts-exhausted".
    public var code: String {
        switch self {
        case .malformed: "malformed"
        case .permanent: "permanent"
        case .attemptsExhausted: "attempts-exhausted"
        }
    }

    public var description: String {
        switch self {
        case .malformed(let detail): "malformed message: \(detail)"
        case .permanent(let detail): "permanent failure: \(detail)"
        case .attemptsExhausted(let attempts, let lastError):
            "gave up after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(lastError)"
        }
    }
}
