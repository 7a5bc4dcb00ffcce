/// Problems with two-way sync's defaults (B7), each in words for the operator.
public struct TwoWaySyncDefaultsProblems: Sendable, Equatable {
    /// The allocation code is not an active allocation code of the PSA.
    public var allocationCode: String?
    /// The period type is not one the PSA's services have.
    public var periodType: String?
    /// Mapped services that bill to another allocation code or period, by service id.
    public var services: [Int: String] = [:]
}
