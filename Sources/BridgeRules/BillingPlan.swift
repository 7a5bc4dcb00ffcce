/// What billing writes for one mapped tenant and its company for one period (B1-B8): every
/// pay-as-you-go line of a mapped product with its target, and the problems that stop billing a
/// product (recorded on the company's mapping, P7).
public struct BillingPlan: Sendable, Hashable {
    /// The reported period.
    public var window: UsageReportWindow
    /// Every pay-as-you-go line of a mapped product, changed or not, ordered by product and line.
    public var lines: [BillingLine]
    /// Products billing leaves alone, and why.
    public var problems: [ContractProblem]

    /// A `BillingPlan` from its parts.
    public init(window: UsageReportWindow, lines: [BillingLine], problems: [ContractProblem] = []) {
        self.window = window
        self.lines = lines
        self.problems = problems
    }

    /// The lines to write.
    public var changes: [BillingLine] { lines.filter(\.needsWrite) }
}
