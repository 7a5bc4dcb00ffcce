import Foundation

/// One agreement addition (ConnectWise) or contract service (Autotask) of a company, as the quota
/// and billing rules see it (P2, P3, P6, B1, B2).
///
/// - ConnectWise: `id` is the addition id, `contractID` the agreement id, `productID` the catalog
///   item id, `quantity` the addition's `quantity` (Total Quantity), `billing` from the addition's
///   PAYG custom field (``PAYGMarker``), `startDay`/`endDay` from `effectiveDate`/`cancelledDate`,
///   `statusActive` false when the addition or its agreement is cancelled, expired or inactive.
/// - Autotask: `id` is the contract service id, `contractID` the contract id, `productID` the
///   service id, `quantity` the current units (ContractServiceUnits), `billing` from the contract's
///   PAYG user-defined field, `startDay`/`endDay` from the contract's `startDate`/`endDate`,
///   `statusActive` from the contract's status.
public struct ContractLine: Sendable, Hashable {
    /// The addition (ConnectWise) or contract service (Autotask) id.
    public var id: Int
    /// The agreement (ConnectWise) or contract (Autotask) id.
    public var contractID: Int
    /// The catalog item (ConnectWise) or service (Autotask) id.
    public var productID: Int
    /// Total Quantity (ConnectWise `quantity`) or current units (Autotask).
    public var quantity: Decimal
    /// Prepaid or pay-as-you-go, from the PAYG marker (``PAYGMarker``).
    public var billing: LineBilling
    /// Whether the PSA's status fields call the line (and its agreement or contract) active.
    public var statusActive: Bool
    /// The first day the line is in effect; nil: since always.
    public var startDay: CalendarDay?
    /// The last day the line is in effect (inclusive); nil: open-ended.
    public var endDay: CalendarDay?

    /// A `ContractLine` from its parts.
    public init(
        id: Int, contractID: Int, productID: Int, quantity: Decimal, billing: LineBilling,
        statusActive: Bool = true, startDay: CalendarDay? = nil, endDay: CalendarDay? = nil
    ) {
        self.id = id
        self.contractID = contractID
        self.productID = productID
        self.quantity = quantity
        self.billing = billing
        self.statusActive = statusActive
        self.startDay = startDay
        self.endDay = endDay
    }

    /// Whether the line is active on `day`: its status is active and `day` lies within
    /// `startDay...endDay`, both ends inclusive (a line cancelled on 2017-02-28 still counts on
    /// that day and no longer on 2017-03-01). A line whose end is before its start is never active.
    public func isActive(on day: CalendarDay) -> Bool {
        guard statusActive else { return false }
        if let startDay, day < startDay { return false }
        if let endDay, day > endDay { return false }
        return true
    }
}
