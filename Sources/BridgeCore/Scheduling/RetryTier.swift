/// One retry delay, with a short name for logs and metrics ("5s", "30s", "2m", "10m", "30m", "1h").
public struct RetryTier: Sendable, Hashable, CustomStringConvertible {
    public let delay: Duration

    public init(_ delay: Duration) {
        precondition(delay > .zero, "a retry delay must be positive")
        self.delay = delay
    }

    /// Whole milliseconds.
    public var milliseconds: Int64 {
        let (seconds, attoseconds) = delay.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// "5s", "30s", "2m", "10m", "30m", "1h", or "1500ms" for delays that are not whole seconds.
    public var name: String {
        let ms = milliseconds
        guard ms % 1000 == 0 else { return "\(ms)ms" }
        let seconds = ms / 1000
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }

    public var description: String { name }
}
