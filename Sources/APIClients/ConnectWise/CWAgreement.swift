import Foundation

/// An agreement (`/finance/agreements`).
public struct CWAgreement: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String?
    public var type: CWReference?
    public var company: CWReference?
    /// `Active`, `Cancelled`, `Expired`, `Inactive`.
    public var agreementStatus: String?
    public var cancelledFlag: Bool?
    public var startDate: Date?
    public var endDate: Date?
    public var noEndingDateFlag: Bool?
    public var customFields: [CWCustomField]?
    public var info: CWRecordInfo?

    enum CodingKeys: String, CodingKey {
        case id, name, type, company, agreementStatus, cancelledFlag, startDate, endDate, noEndingDateFlag,
            customFields
        case info = "_info"
    }
}
