import Synchronization

/// Connection state shared between the connection thread and the public API.
final class ConnectionStatus: Sendable {
    struct Value: Sendable {
        var state: AMQPConnectionState = .idle
        var reconnectCount = 0
        var blocked = false
        var lastError: String?
    }

    private let value = Mutex(Value())

    func update(_ body: (inout Value) -> Void) {
        value.withLock { body(&$0) }
    }

    var snapshot: Value { value.withLock { $0 } }
}
