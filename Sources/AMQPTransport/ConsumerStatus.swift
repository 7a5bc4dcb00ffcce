import Synchronization

/// Counters and state of a consumer, written by the connection thread, read by anyone.
final class ConsumerStatus: Sendable {
    struct Value: Sendable {
        var consuming = false
        var brokerCancellations = 0
        var restarts = 0
        var stopped = false
    }

    private let value = Mutex(Value())

    func update(_ body: (inout Value) -> Void) {
        value.withLock { body(&$0) }
    }

    var snapshot: Value { value.withLock { $0 } }
}
