/// What one API was asked since the last reset.
public struct CallReport: Sendable, Hashable, Codable {
    /// Calls per `METHOD /route/template`, e.g. `GET /{codebase}/apis/3.0/service/tickets`.
    public var calls: [String: Int]
    /// The most requests seen in flight at once per endpoint (Autotask: per entity; others: per route).
    public var maxConcurrency: [String: Int]
    /// Requests refused by fault injection or limits, per reason (`rateLimited`, `failure`,
    /// `lostResponse`, `threadLimit`, `hourlyLimit`).
    public var rejections: [String: Int]

    /// A report with the given counts (empty by default).
    public init(calls: [String: Int] = [:], maxConcurrency: [String: Int] = [:], rejections: [String: Int] = [:]) {
        self.calls = calls
        self.maxConcurrency = maxConcurrency
        self.rejections = rejections
    }

    /// Total calls.
    public var total: Int { calls.values.reduce(0, +) }

    /// Calls for one method and template.
    public func count(_ method: String, _ template: String) -> Int {
        calls["\(method) \(template)"] ?? 0
    }

    var json: JSONValue {
        [
            "calls": .object(calls.mapValues(JSONValue.int)),
            "maxConcurrency": .object(maxConcurrency.mapValues(JSONValue.int)),
            "rejections": .object(rejections.mapValues(JSONValue.int)),
            "total": .int(total),
        ]
    }
}
