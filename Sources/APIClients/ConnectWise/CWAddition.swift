import Foundation

/// An agreement addition, one line of an agreement (`/finance/agreements/{id}/additions`).
public struct CWAddition: Sendable, Hashable, Decodable {
    public var id: Int
    public var agreementID: Int?
    /// The catalog item (`{id, identifier}`).
    public var product: CWReference?
    /// Quantity billed (Total Quantity); usage is written here.
    public var quantity: Double?
    public var lessIncluded: Double?
    public var billedQuantity: Double?
    public var unitPrice: Double?
    /// `Billable`, `DoNotBill`, `NoCharge`.
    public var billCustomer: String?
    public var effectiveDate: Date?
    /// Set when the line has ended.
    public var cancelledDate: Date?
    /// `Active`, `Cancelled`, `Expired`, `Inactive`.
    public var agreementStatus: String?
    public var customFields: [CWCustomField]?
    public var info: CWRecordInfo?

    enum CodingKeys: String, CodingKey {
        case id, product, quantity, lessIncluded, billedQuantity, unitPrice, billCustomer, effectiveDate,
            cancelledDate, agreementStatus, customFields
        case agreementID = "agreementId"
        case info = "_info"
    }
}
