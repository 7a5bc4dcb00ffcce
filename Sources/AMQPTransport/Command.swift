/// A request to a connection thread.
enum Command: Sendable {
    /// Publish one message on a publisher's channel.
    case publish(publisher: Int, PendingPublish)
    /// Publish several messages on a publisher's channel, completing one batch.
    case publishBatch(publisher: Int, [PendingPublish])
    /// Ack, nack or reject a consumer delivery of the given channel generation.
    case settle(consumer: Int, generation: UInt64, deliveryTag: UInt64, Settlement)
    /// Anything else: runs on the connection thread with the loop.
    case run(@Sendable (ConnectionLoop) -> Void)
}

/// How a delivery is settled.
enum Settlement: Sendable, Hashable {
    case ack
    case nack(requeue: Bool)
    case reject(requeue: Bool)
}

/// A message waiting to be published or confirmed, and who to tell.
struct PendingPublish: Sendable {
    var message: AMQPOutgoingMessage
    var completion: PublishCompletion
}

/// Where the outcome of one publish goes.
enum PublishCompletion: Sendable {
    case single(CheckedContinuation<Result<Void, AMQPError>, Never>)
    case batch(BatchCollector, index: Int)

    func complete(_ result: Result<Void, AMQPError>) {
        switch self {
        case .single(let continuation): continuation.resume(returning: result)
        case .batch(let collector, let index): collector.complete(index, result)
        }
    }
}

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
