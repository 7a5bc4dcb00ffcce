/// Body of `POST /Contracts/{id}/Services`: puts a catalog service on a recurring contract
/// (two-way sync, B7). Units are not set here; they change through adjustments.
public struct ATContractServiceCreate: Sendable, Hashable, Encodable {
    public var contractID: Int
    public var serviceID: Int
    public var unitPrice: Double?
    public var unitCost: Double?
    public var invoiceDescription: String?

    public init(
        contractID: Int, serviceID: Int, unitPrice: Double? = nil, unitCost: Double? = nil,
        invoiceDescription: String? = nil
    ) {
        self.contractID = contractID
        self.serviceID = serviceID
        self.unitPrice = unitPrice
        self.unitCost = unitCost
        self.invoiceDescription = invoiceDescription
    }
}
