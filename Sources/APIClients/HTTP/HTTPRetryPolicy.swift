/// How a request is retried after a 429, a 5xx or a transport failure.
///
/// Delays grow exponentially from ``baseDelay`` up to ``maxDelay`` with "equal jitter" (a random
/// point in the upper half of the step). A `Retry-After` from the server replaces the computed
/// delay. The loop stops after ``maxAttempts`` sends or when the next wait would end after
/// ``maxTotalTime`` from the first send; the error then carries the server's `Retry-After`
/// so the caller can come back later.
public struct HTTPRetryPolicy: Sendable, Equatable {
    /// Maximum number of sends, the first included (1 = no retry).
    public var maxAttempts: Int
    /// The first backoff step.
    public var baseDelay: Duration
    /// The largest backoff step.
    public var maxDelay: Duration
    /// Upper bound on the time from the first send to the last one.
    public var maxTotalTime: Duration

    public init(
        maxAttempts: Int = 5, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(30),
        maxTotalTime: Duration = .seconds(120)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotalTime = maxTotalTime
    }

    /// The default: 5 attempts, 0.5 s doubling to 30 s, at most 2 minutes in all.
    public static let standard = HTTPRetryPolicy()
    /// Never retry.
    public static let none = HTTPRetryPolicy(maxAttempts: 1)

    /// The backoff before attempt `attempt + 1` (attempt counts from 1), with jitter.
    func backoff(afterAttempt attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let stepSeconds = min(seconds(baseDelay) * Double(1 << exponent), seconds(maxDelay))
        let jittered = stepSeconds / 2 + Double.random(in: 0...(stepSeconds / 2))
        return .milliseconds(Int64(jittered * 1000))
    }

    /// A server-requested wait plus a little jitter (never less than what the server asked).
    func serverDelay(_ retryAfter: Duration) -> Duration {
        let spread = min(seconds(retryAfter) * 0.1, 1.0)
        return retryAfter + .milliseconds(Int64(Double.random(in: 0...spread) * 1000))
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
