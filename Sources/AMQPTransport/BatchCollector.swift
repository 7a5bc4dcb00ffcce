/// Collects the outcomes of a batch publish and resumes the caller when all are known.
///
/// `@unchecked Sendable`: the caller creates it and hands it to the connection thread inside a
/// command; from then on only that thread touches `results` and `remaining`.
final class BatchCollector: @unchecked Sendable {
    private var results: [Result<Void, AMQPError>]
    private var remaining: Int
    private let continuation: CheckedContinuation<[Result<Void, AMQPError>], Never>

    init(count: Int, continuation: CheckedContinuation<[Result<Void, AMQPError>], Never>) {
        results = Array(repeating: .failure(.closed), count: count)
        remaining = count
        self.continuation = continuation
    }

    func complete(_ index: Int, _ result: Result<Void, AMQPError>) {
        results[index] = result
        remaining -= 1
        if remaining == 0 { continuation.resume(returning: results) }
    }
}
