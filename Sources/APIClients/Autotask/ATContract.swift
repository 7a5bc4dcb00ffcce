import Foundation

/// A contract (`/Contracts`). Recurring service contracts have `contractType` 7.
public struct ATContract: Sendable, Hashable, Decodable {
    public var id: Int
    public var contractName: String?
    public var contractNumber: String?
    public var companyID: Int?
    public var contractType: Int?
    /// Picklist value (active/inactive; read the picklist).
    public var status: Int?
    public var contractPeriodType: Int?
    public var startDate: Date?
    public var endDate: Date?
    public var userDefinedFields: [ATUserDefinedField]?

    /// Autotask's "Recurring Service" contract type.
    public static let recurringServiceType = 7
}
