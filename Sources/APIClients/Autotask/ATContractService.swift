/// A service on a recurring contract (`/ContractServices`). It does not hold the unit count;
/// units change through adjustments and are read from ContractServiceUnits.
public struct ATContractService: Sendable, Hashable, Decodable {
    public var id: Int
    public var contractID: Int?
    public var serviceID: Int?
    public var unitPrice: Double?
    public var unitCost: Double?
    public var adjustedPrice: Double?
    public var invoiceDescription: String?
}
