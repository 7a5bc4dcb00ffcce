import Foundation

/// A company (`/Companies`).
public struct ATCompany: Sendable, Hashable, Decodable {
    public var id: Int
    public var companyName: String?
    public var companyNumber: String?
    /// Picklist value (Customer, Lead, Prospect, Vendor...; read the picklist).
    public var companyType: Int?
    public var isActive: Bool?
    public var ownerResourceID: Int?
    public var phone: String?
    public var parentCompanyID: Int?
    public var lastActivityDate: Date?
    public var userDefinedFields: [ATUserDefinedField]?
}
