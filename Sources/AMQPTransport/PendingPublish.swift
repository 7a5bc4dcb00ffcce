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
