/// Counts of a batch (P7, S1).
public struct BatchSummary: Sendable, Hashable, CustomStringConvertible {
    /// Companies in the batch.
    public var total: Int
    /// Companies whose work succeeded.
    public var succeeded: Int
    /// Companies whose work failed (recorded, retried next tick).
    public var failed: Int

    /// A `BatchSummary` from its parts.
    public init(total: Int, succeeded: Int, failed: Int) {
        self.total = total
        self.succeeded = succeeded
        self.failed = failed
    }

    /// "3 companies: 2 succeeded, 1 failed".
    public var description: String {
        "\(total) \(total == 1 ? "company" : "companies"): \(succeeded) succeeded, \(failed) failed"
    }
}
