import Foundation

/// Body of `POST /Contracts/{id}/ServiceAdjustments`: a change of units (a delta, not a total;
/// inferred from the entity's description) effective from a date. Create-only: it cannot be
/// read back, so callers keep their own record to stay exactly-once.
public struct ATContractServiceAdjustment: Sendable, Hashable, Encodable {
    public var contractID: Int
    public var serviceID: Int?
    public var contractServiceID: Int?
    public var effectiveDate: Date
    /// Units to add (negative to remove). Autotask units are whole numbers.
    public var unitChange: Int
    public var adjustedUnitPrice: Double?
    public var adjustedUnitCost: Double?

    public init(
        contractID: Int, serviceID: Int? = nil, contractServiceID: Int? = nil, effectiveDate: Date, unitChange: Int,
        adjustedUnitPrice: Double? = nil, adjustedUnitCost: Double? = nil
    ) {
        self.contractID = contractID
        self.serviceID = serviceID
        self.contractServiceID = contractServiceID
        self.effectiveDate = effectiveDate
        self.unitChange = unitChange
        self.adjustedUnitPrice = adjustedUnitPrice
        self.adjustedUnitCost = adjustedUnitCost
    }
}
