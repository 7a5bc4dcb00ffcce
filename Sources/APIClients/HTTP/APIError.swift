/// A failed API call, typed by what went wrong.
///
/// It carries the API's own error message(s), the HTTP status, and the method and path of the
/// request. It never carries an authentication header, a token, a secret or a query string
/// (paths are stored without their query), so its `description` is safe to log and to store
/// on a mapping or ticket record.
public struct APIError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Kind: Sendable, Equatable {
        /// The server answered with a non-success status (other than a final 429).
        case httpStatus(Int)
        /// The server kept answering 429 (or an Autotask thread-limit rejection) until the
        /// retry budget ran out. ``APIError/retryAfter`` says when to come back, if known.
        case rateLimited
        /// The client's own request budget (Autotask hourly limit) is used up.
        case budgetExhausted
        /// The request could not be delivered; it is known not to have reached the server
        /// (connection refused, DNS failure, connect timeout).
        case notSent
        /// The connection failed after the request may have been sent; the server may or may not
        /// have processed it. A create is never retried in this state: look it up by its
        /// external reference instead.
        case outcomeUnknown
        /// TLS failed (for example the server certificate is not trusted). Not retried.
        case tls
        /// A response field the client needs is missing or of the wrong type, or the body is not
        /// the JSON the API documents.
        case invalidResponse(field: String)
        /// The record asked for does not exist (404, Autotask `"item": null`, an empty result where
        /// exactly one record was required).
        case notFound
        /// The request could not be built from the arguments (bad field name, bad URL,
        /// configuration missing). Nothing was sent.
        case invalidRequest
        /// A paged listing was cut short: a page failed, so no partial data is returned.
        case incompleteListing
    }

    /// The API that failed.
    public let service: APIService
    /// What went wrong.
    public let kind: Kind
    /// HTTP method of the request, e.g. `GET`.
    public let method: String
    /// Path of the request without query string, e.g. `/service/tickets/42`.
    public let path: String
    /// The HTTP status of the last response, if one was received.
    public let status: Int?
    /// The API's own error code, if it sent one (`InvalidObject`, `1006`, ...).
    public let code: String?
    /// The API's own error messages, or a description of the local failure.
    public let messages: [String]
    /// How long the server (or the local budget) asked to wait before trying again.
    public let retryAfter: Duration?
    /// How many times the request was sent (or attempted).
    public let attempts: Int

    public init(
        service: APIService,
        kind: Kind,
        method: String,
        path: String,
        status: Int? = nil,
        code: String? = nil,
        messages: [String] = [],
        retryAfter: Duration? = nil,
        attempts: Int = 1
    ) {
        self.service = service
        self.kind = kind
        self.method = method
        self.path = path
        self.status = status
        self.code = code
        self.messages = messages
        self.retryAfter = retryAfter
        self.attempts = attempts
    }

    /// True when trying the same call again later can succeed (rate limits, budget, 5xx,
    /// transport failures). A worker uses it to retry with delay rather than dead-letter.
    public var isTransient: Bool {
        switch kind {
        case .rateLimited, .budgetExhausted, .notSent, .outcomeUnknown, .incompleteListing:
            return true
        case .httpStatus(let status):
            return status >= 500 || status == 408
        case .tls, .invalidResponse, .notFound, .invalidRequest:
            return false
        }
    }

    /// True for a 404 or any other "no such record" answer.
    public var isNotFound: Bool {
        if case .notFound = kind { return true }
        return status == 404
    }

    public var description: String {
        var text = "\(service) \(method) \(path) failed: \(kindText)"
        if let status { text += " (HTTP \(status))" }
        if let code { text += " [\(code)]" }
        if !messages.isEmpty { text += ": " + messages.joined(separator: "; ") }
        if let retryAfter { text += " (retry after \(retryAfter.formattedSeconds))" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        return text
    }

    private var kindText: String {
        switch kind {
        case .httpStatus: return "error response"
        case .rateLimited: return "rate limited"
        case .budgetExhausted: return "request budget exhausted"
        case .notSent: return "not sent"
        case .outcomeUnknown: return "outcome unknown"
        case .tls: return "TLS failure"
        case .invalidResponse(let field): return "invalid response at '\(field)'"
        case .notFound: return "not found"
        case .invalidRequest: return "invalid request"
        case .incompleteListing: return "incomplete listing"
        }
    }
}
