/// How handling a message failed.
public enum FailureKind: Sendable, Hashable {
    /// May succeed later (HTTP 429/5xx, timeouts, a dependency down).
    case transient(String)
    /// Will fail again however often it is tried (a 4xx the input caused).
    case permanent(String)
    /// The message itself is unusable (see `MessageRejection`).
    case malformed(String)
}
