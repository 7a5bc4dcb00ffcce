/// What usage billing writes for one product (B1, B2): the target of each pay-as-you-go line, or
/// the problem that stops it (P7).
public struct UsageLinePlan: Sendable, Hashable {
    /// The lines to bring to a quantity (compare each with the PSA through ``QuantityWrite``).
    public var targets: [LineQuantity]
    /// A problem that stops billing for the product; `targets` is then empty.
    public var problem: ContractProblem?

    /// A `UsageLinePlan` from its parts.
    public init(targets: [LineQuantity], problem: ContractProblem? = nil) {
        self.targets = targets
        self.problem = problem
    }
}
