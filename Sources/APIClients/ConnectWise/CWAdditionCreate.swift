import Foundation

/// Body of `POST /finance/agreements/{id}/additions`: a product on an agreement.
public struct CWAdditionCreate: Sendable, Hashable, Encodable {
    public var product: CWReference
    public var quantity: Double
    /// `Billable`, `DoNotBill` or `NoCharge`.
    public var billCustomer: String
    public var effectiveDate: Date?

    public init(productID: Int, quantity: Double, billCustomer: String = "Billable", effectiveDate: Date? = nil) {
        self.product = CWReference(id: productID)
        self.quantity = quantity
        self.billCustomer = billCustomer
        self.effectiveDate = effectiveDate
    }
}
