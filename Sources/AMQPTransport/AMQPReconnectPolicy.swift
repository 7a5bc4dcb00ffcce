/// Exponential back-off with jitter between reconnection attempts.
///
/// Attempt *n* (from 0) waits a random time between half and all of
/// `min(maximumDelay, initialDelay × multiplier^n)`. The default cap, 5 s, means a worker is
/// consuming again at most about 5 s after its broker is back, however long it was away; an
/// attempt is one TCP connect to a broker that is down, so trying that often costs nothing.
public struct AMQPReconnectPolicy: Sendable, Hashable {
    /// Delay before the first reconnection attempt (before jitter).
    public var initialDelay: Duration
    /// Upper bound of the delay.
    public var maximumDelay: Duration
    /// Growth factor per failed attempt.
    public var multiplier: Double

    public init(
        initialDelay: Duration = .milliseconds(200),
        maximumDelay: Duration = .seconds(5),
        multiplier: Double = 2
    ) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.multiplier = multiplier
    }

    /// The delay before attempt `attempt` (0-based), with jitter drawn from `generator`.
    public func delay(attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let initial = initialDelay.seconds
        let cap = maximumDelay.seconds
        let exponent = Double(min(attempt, 64))
        let base = min(cap, initial * Self.power(multiplier, exponent))
        let jittered = base * Double.random(in: 0.5...1.0, using: &generator)
        return .nanoseconds(Int64((jittered * 1e9).rounded()))
    }

    private static func power(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        var remaining = Int(exponent)
        while remaining > 0 && result < 1e12 {
            result *= base
            remaining -= 1
        }
        return result
    }
}
