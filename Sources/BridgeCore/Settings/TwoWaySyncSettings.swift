/// Defaults for services two-way sync adds to Autotask contracts (SPEC B7).
public struct TwoWaySyncSettings: Sendable, Hashable {
    public enum PeriodType: String, Sendable, Hashable, CaseIterable {
        case monthly = "Monthly"
        case quarterly = "Quarterly"
        case semiAnnual = "Semi-Annual"
        case yearly = "Yearly"
    }

    /// Allocation (billing) code; required when the feature is on.
    public var allocationCode: PSAReference?
    /// Period type; required when the feature is on.
    public var periodType: PeriodType?

    public init(allocationCode: PSAReference? = nil, periodType: PeriodType? = nil) {
        self.allocationCode = allocationCode
        self.periodType = periodType
    }
}
