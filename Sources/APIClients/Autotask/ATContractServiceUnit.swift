import Foundation

/// Units of one service on one contract for one date range (`/ContractServiceUnits`, read-only).
public struct ATContractServiceUnit: Sendable, Hashable, Decodable {
    public var id: Int
    public var contractID: Int?
    public var contractServiceID: Int?
    public var serviceID: Int?
    public var startDate: Date?
    public var endDate: Date?
    public var units: Int
    public var price: Double?
    public var cost: Double?
}
