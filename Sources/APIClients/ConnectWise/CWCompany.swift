/// A company (`/company/companies`).
public struct CWCompany: Sendable, Hashable, Decodable {
    public var id: Int
    public var identifier: String?
    public var name: String?
    public var status: CWReference?
    public var types: [CWReference]?
    public var deletedFlag: Bool?
    public var defaultContact: CWReference?
    public var customFields: [CWCustomField]?
    public var info: CWRecordInfo?

    enum CodingKeys: String, CodingKey {
        case id, identifier, name, status, types, deletedFlag, defaultContact, customFields
        case info = "_info"
    }
}
