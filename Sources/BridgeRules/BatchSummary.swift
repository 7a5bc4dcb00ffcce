/// Counts of a batch (P7, S1).
public struct BatchSummary: Sendable, Hashable, CustomStringConvertible {
    public var total: Int
    public var succeeded: Int
    public var failed: Int

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
