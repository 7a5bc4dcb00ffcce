/// Autotask's published limits, adjustable for tests and benchmarks.
public struct AutotaskLimits: Sendable, Hashable, Codable {
    /// Concurrent requests allowed per (integration code, object endpoint). Autotask: 3.
    public var threadsPerEndpoint: Int
    /// Requests allowed per rolling hour for the whole database. Autotask: 10,000.
    public var requestsPerHour: Int
    /// The status a thread-limit rejection is answered with.
    ///
    /// The reference says these rejections "can arrive with a status other than 429" and that
    /// clients recognise them by `Itgenatr005` / "thread threshold … exceeded" in the body, so the
    /// default is 500 (inferred); set 429 to try the other behaviour.
    public var threadLimitStatus: Int

    /// Limits; the defaults are Autotask's.
    public init(threadsPerEndpoint: Int = 3, requestsPerHour: Int = 10_000, threadLimitStatus: Int = 500) {
        self.threadsPerEndpoint = threadsPerEndpoint
        self.requestsPerHour = requestsPerHour
        self.threadLimitStatus = threadLimitStatus
    }

    /// The real limits.
    public static let standard = AutotaskLimits()

    /// No practical limit (for benchmarks that measure something else).
    public static let unlimited = AutotaskLimits(threadsPerEndpoint: .max, requestsPerHour: .max)
}
