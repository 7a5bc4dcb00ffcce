/// A tenant's two-factor authentication status (`GET /api/2/tenants/{id}/mfa/status`).
public struct AcronisMFAStatus: Sendable, Hashable, Decodable {
    /// `disabled`, `disabled-in-progress` or `enabled`.
    public var mfaStatus: String
    public var users: Int?
    public var usersWithTOTPEnabled: Int?
    public var updateAllowed: Bool?

    /// True when the status is `enabled`.
    public var isEnabled: Bool { mfaStatus == "enabled" }

    enum CodingKeys: String, CodingKey {
        case users
        case mfaStatus = "mfa_status"
        case usersWithTOTPEnabled = "users_with_totp_enabled"
        case updateAllowed = "update_allowed"
    }
}
