/// Message retries (SPEC S3).
public struct RetrySettings: Sendable, Hashable {
    /// Attempts before a message is dead-lettered [5].
    public var maxAttempts: Int

    public init(maxAttempts: Int = RetryPolicy.defaultMaxAttempts) {
        self.maxAttempts = maxAttempts
    }

    /// The retry policy these settings give (default delay tiers).
    public var policy: RetryPolicy { RetryPolicy(maxAttempts: maxAttempts) }
}
