/// A company status (`/company/companies/statuses`), e.g. Active.
public struct CWCompanyStatus: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String?
    public var defaultFlag: Bool?
    public var inactiveFlag: Bool?
}
