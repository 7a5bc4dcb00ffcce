/// Whether a request may be sent again after it may already have reached the server.
public enum Idempotency: Sendable, Equatable {
    /// Reads, PUT/PATCH of absolute values, deletes, queries: resent after 5xx and lost responses.
    case idempotent
    /// Creates (tickets, notes, tenants, adjustments) and other effects that must not happen twice:
    /// resent only when the failure is known to be before the request was processed (connection
    /// refused, connect timeout, 429, an Autotask thread-limit rejection, a 401 before a token
    /// refresh). Never after a 5xx or a lost response.
    case notIdempotent
}
