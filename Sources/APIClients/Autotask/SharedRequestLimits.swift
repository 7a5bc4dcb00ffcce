/// Request limits shared by every process of a fleet, kept where they all see them (the fleet's
/// state). ``AutotaskRequestLimiter`` consults them after its own in-process limits, so N
/// processes together keep within one endpoint's concurrency and one hourly budget.
///
/// Implementations answer at once and never wait: the limiter decides how to wait, and for how
/// long, by its ``AutotaskBudgetPolicy``.
public protocol SharedRequestLimits: Sendable {
    /// Takes one of the fleet's `limit` slots for `endpoint`.
    /// - Returns: a token to give back with ``releaseSlot(_:)``, or nil when every slot is held.
    func takeSlot(endpoint: String, limit: Int) async throws -> String?

    /// Gives a slot back.
    func releaseSlot(_ token: String) async

    /// Spends one request of the fleet's budget of `limit` per `window`.
    /// - Returns: nil when spent; otherwise how long until a request of the window is free again
    ///   (nothing was spent).
    func spendRequest(limit: Int, window: Duration) async throws -> Duration?
}
