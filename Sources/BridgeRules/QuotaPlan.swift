/// The quotas of one mapped tenant (P2, P3): one decision per offering item given to
/// ``QuotaRule/plan(mappings:lines:psa:today:)``, in the order given, and every problem found.
public struct QuotaPlan: Sendable, Hashable {
    /// One decision per offering item, in the order given.
    public var decisions: [QuotaItemDecision]
    /// Problems, each once, to record on the company's mapping (P7).
    public var problems: [ContractProblem]

    /// A `QuotaPlan` from its parts.
    public init(decisions: [QuotaItemDecision], problems: [ContractProblem]) {
        self.decisions = decisions
        self.problems = problems
    }

    /// The decision for `item`, if it was planned.
    public subscript(item: OfferingItemKey) -> QuotaItemDecision? {
        decisions.first { $0.item == item }
    }
}
