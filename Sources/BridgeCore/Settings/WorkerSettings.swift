/// Worker timing.
public struct WorkerSettings: Sendable, Hashable {
    /// How often the alert consumer polls for alerts [60 s].
    public var pollSeconds: Int
    /// Tick slot length [900 s = 15 min] (S2).
    public var tickIntervalSeconds: Int

    public init(pollSeconds: Int = 60, tickIntervalSeconds: Int = 900) {
        self.pollSeconds = pollSeconds
        self.tickIntervalSeconds = tickIntervalSeconds
    }
}
