/// Why a message was dead-lettered.
public enum DeadLetterReason: Sendable, Hashable, CustomStringConvertible {
    case malformed(String)
    case permanent(String)
    case attemptsExhausted(attempts: Int, lastError: String)

    /// A short stable code: "malformed", "permanent", "attempts-exhausted".
    public var code: String {
        switch self {
        case .malformed: "malformed"
        case .permanent: "permanent"
        case .attemptsExhausted: "attempts-exhausted"
        }
    }

    public var description: String {
        switch self {
        case .malformed(let detail): "malformed message: \(detail)"
        case .permanent(let detail): "permanent failure: \(detail)"
        case .attemptsExhausted(let attempts, let lastError):
            "gave up after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(lastError)"
        }
    }
}
