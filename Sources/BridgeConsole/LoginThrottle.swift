import Foundation

/// Slows failed logins: each failure for a name doubles the wait before the next attempt for
/// that name is checked (0.5 s, 1 s, 2 s … up to `maximumDelay`); a success clears it. Kept in
/// memory per console process, by name whether or not the name exists; the state database
/// counts known operators' failures (``ConsoleAccounts/login(name:password:)``).
public actor LoginThrottle {
    public let baseDelay: Duration
    public let maximumDelay: Duration
    private var failures: [String: Int] = [:]
    /// Failed attempts seen by this process, for the summary and metrics.
    public private(set) var failedTotal = 0

    public init(baseDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(8)) {
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// How long the next attempt for `name` waits before it is checked.
    public func delay(for name: String) -> Duration {
        let count = failures[name.lowercased()] ?? 0
        guard count > 0 else { return .zero }
        return min(baseDelay * (1 << min(count - 1, 16)), maximumDelay)
    }

    public func recordFailure(_ name: String) {
        failures[name.lowercased(), default: 0] += 1
        failedTotal += 1
        if failures.count > 10_000 { failures.removeAll() }  // A spray of names does not grow memory without end.
    }

    public func recordSuccess(_ name: String) {
        failures[name.lowercased()] = nil
    }
}
