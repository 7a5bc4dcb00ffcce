/// Codebase discovery answer (`GET /login/companyinfo/{company}`).
public struct CWCompanyInfo: Sendable, Hashable, Decodable {
    public var companyName: String?
    /// e.g. `v2024_1/` (with trailing slash).
    public var codebase: String
    public var versionCode: String?
    public var versionNumber: String?
    public var companyID: String?
    public var isCloud: Bool?

    enum CodingKeys: String, CodingKey {
        case companyName = "CompanyName"
        case codebase = "Codebase"
        case versionCode = "VersionCode"
        case versionNumber = "VersionNumber"
        case companyID = "CompanyID"
        case isCloud = "IsCloud"
    }
}
