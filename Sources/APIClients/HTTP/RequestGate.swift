/// Admission control wrapped around every attempt of a request (the Autotask per-endpoint
/// concurrency limit and hourly budget). ``acquire(for:)`` may wait, or throw an ``APIError``
/// (budget exhausted) to stop the request before it is sent.
protocol RequestGate: Sendable {
    associatedtype Permit: Sendable
    func acquire(for request: APIRequest) async throws -> Permit
    func release(_ permit: Permit) async
}
