/// A fault for the next matching requests: "answer the next `count` requests with `status`".
///
/// Deterministic where ``FaultSettings`` is random, so a test can say "one 503, then success".
public struct ScriptedFault: Sendable, Hashable, Codable {
    /// How many matching requests get the fault.
    public var count: Int
    /// The status answered (429 gets a `Retry-After` header).
    public var status: Int
    /// Only requests with this method (e.g. `POST`); nil for any.
    public var method: String?
    /// Only requests whose path contains this text (e.g. `/Tickets`); nil for any.
    public var pathContains: String?
    /// `Retry-After` seconds for a 429 (default 1).
    public var retryAfterSeconds: Int?
    /// Carry the request out, then answer `status` as if the response was lost.
    public var afterHandling: Bool

    /// A fault for the next `count` matching requests.
    public init(
        count: Int = 1, status: Int, method: String? = nil, pathContains: String? = nil, retryAfterSeconds: Int? = nil,
        afterHandling: Bool = false
    ) {
        self.count = count
        self.status = status
        self.method = method
        self.pathContains = pathContains
        self.retryAfterSeconds = retryAfterSeconds
        self.afterHandling = afterHandling
    }

    func matches(method: String, path: String) -> Bool {
        if let wanted = self.method, wanted.uppercased() != method { return false }
        if let fragment = pathContains, !path.lowercased().contains(fragment.lowercased()) { return false }
        return true
    }
}
