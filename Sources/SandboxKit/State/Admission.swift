/// Why a request was refused before its handler ran.
enum AdmissionRejection: Sendable, Equatable {
    /// The configured rate limit: 429 with `Retry-After`.
    case rateLimited(retryAfterSeconds: Int)
    /// A random injected failure with this status.
    case failure(status: Int)
    /// Autotask: too many concurrent requests for this endpoint and integration code.
    case threadLimit(endpoint: String, limit: Int, status: Int)
    /// Autotask: the hourly request budget is spent.
    case hourlyLimit(limit: Int, retryAfterSeconds: Int)
    /// A ``ScriptedFault``.
    case scripted(status: Int, retryAfterSeconds: Int?)

    var reason: String {
        switch self {
        case .rateLimited: "rateLimited"
        case .failure: "failure"
        case .threadLimit: "threadLimit"
        case .hourlyLimit: "hourlyLimit"
        case .scripted: "scripted"
        }
    }
}

/// The decision taken for one request when it arrives.
struct Admission: Sendable {
    /// How long to wait before answering (latency plus jitter).
    var delay: Duration
    /// Set when the request is refused.
    var rejection: AdmissionRejection?
    /// Carry the request out, then answer this status (503 for random losses) as if the response was lost.
    var lostResponseStatus: Int?
    /// Endpoint key whose in-flight count must be released when the request ends (nil when not held).
    var heldEndpoint: String?
}
