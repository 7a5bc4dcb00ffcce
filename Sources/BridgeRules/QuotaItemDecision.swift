/// The quota decision for one offering item (P2, P3).
public struct QuotaItemDecision: Sendable, Hashable {
    /// What to do with the item.
    public enum Outcome: Sendable, Hashable {
        /// Set this quota, for this reason.
        case set(QuotaTarget, QuotaReason)
        /// Leave the item's quota as it is, because of this problem (P7: recorded, retried).
        case keepCurrent(ContractProblem)
    }

    /// The offering item.
    public var item: OfferingItemKey
    /// Set a quota, or keep the current one.
    public var outcome: Outcome

    /// A `QuotaItemDecision` from its parts.
    public init(item: OfferingItemKey, outcome: Outcome) {
        self.item = item
        self.outcome = outcome
    }

    /// The quota to set, nil when the item is kept as it is.
    public var target: QuotaTarget? {
        if case .set(let target, _) = outcome { return target }
        return nil
    }
}
