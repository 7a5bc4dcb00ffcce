/// Faults injected into one API: latency with jitter, random failures, lost responses and a rate limit.
public struct FaultSettings: Sendable, Hashable, Codable {
    /// Added to every request, in milliseconds.
    public var latencyMs: Int
    /// A random extra delay of up to this many milliseconds.
    public var jitterMs: Int
    /// Fraction (0...1) of requests answered with one of `failureStatuses` before anything is done.
    public var failureRate: Double
    /// The statuses a random failure answers with; one is picked at random per failure.
    public var failureStatuses: [Int]
    /// Fraction (0...1) of requests that are carried out but answered with 503 as if the response
    /// was lost on the way (what exactly-once handling has to survive).
    public var lostResponseRate: Double
    /// Requests allowed per window before 429 with `Retry-After`; nil for no limit.
    public var rateLimit: RateLimit?

    /// Fault settings; no faults by default.
    public init(
        latencyMs: Int = 0, jitterMs: Int = 0, failureRate: Double = 0, failureStatuses: [Int] = [500, 503],
        lostResponseRate: Double = 0, rateLimit: RateLimit? = nil
    ) {
        self.latencyMs = latencyMs
        self.jitterMs = jitterMs
        self.failureRate = failureRate
        self.failureStatuses = failureStatuses
        self.lostResponseRate = lostResponseRate
        self.rateLimit = rateLimit
    }

    /// No faults.
    public static let none = FaultSettings()

    enum CodingKeys: String, CodingKey {
        case latencyMs, jitterMs, failureRate, failureStatuses, lostResponseRate, rateLimit
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            latencyMs: try container.decodeIfPresent(Int.self, forKey: .latencyMs) ?? 0,
            jitterMs: try container.decodeIfPresent(Int.self, forKey: .jitterMs) ?? 0,
            failureRate: try container.decodeIfPresent(Double.self, forKey: .failureRate) ?? 0,
            failureStatuses: try container.decodeIfPresent([Int].self, forKey: .failureStatuses) ?? [500, 503],
            lostResponseRate: try container.decodeIfPresent(Double.self, forKey: .lostResponseRate) ?? 0,
            rateLimit: try container.decodeIfPresent(RateLimit.self, forKey: .rateLimit))
    }
}

/// A fixed-window request limit: at most `requests` per `perSeconds` seconds.
public struct RateLimit: Sendable, Hashable, Codable {
    /// Requests allowed per window.
    public var requests: Int
    /// Window length in seconds.
    public var perSeconds: Double

    /// At most `requests` per `perSeconds` seconds.
    public init(requests: Int, perSeconds: Double) {
        self.requests = requests
        self.perSeconds = perSeconds
    }
}
