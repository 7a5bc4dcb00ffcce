/// A company type (`/company/companies/types`), e.g. Client, Prospect.
public struct CWCompanyType: Sendable, Hashable, Decodable {
    public var id: Int
    public var name: String?
    public var defaultFlag: Bool?
    public var vendorFlag: Bool?
}
