import Synchronization

/// The base URL of a listener, known once it is bound.
final class BaseURLBox: Sendable {
    private let value = Mutex<String>("")
    func set(_ url: String) { value.withLock { $0 = url } }
    func get() -> String { value.withLock { $0 } }
}
