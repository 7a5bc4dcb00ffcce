import Foundation

/// An operator account of the admin console. Only the bcrypt hash of the password is kept.
public struct ConsoleOperator: Sendable, Equatable {
    public var name: String
    /// The password's bcrypt hash (`$2b$…`).
    public var passwordHash: String
    /// Failed logins since the last successful one; the console slows each next attempt by it.
    public var failedLogins: Int
    /// Failed logins ever.
    public var failedLoginsTotal: Int
    public var lastFailedAt: Date?
    public var lastLoginAt: Date?
    public var createdAt: Date

    init(row: StateRow) {
        name = row["name"]
        passwordHash = row["password_hash"]
        failedLogins = row["failed_logins"]
        failedLoginsTotal = row["failed_logins_total"]
        lastFailedAt = row["last_failed_at"]
        lastLoginAt = row["last_login_at"]
        createdAt = row["created_at"]
    }
}

/// A logged-in console session, found by the SHA-256 of its cookie token.
public struct ConsoleSession: Sendable, Equatable {
    public var operatorName: String
    /// The token every form of the session carries back (CSRF).
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    init(row: StateRow) {
        operatorName = row["operator"]
        csrfToken = row["csrf_token"]
        createdAt = row["created_at"]
        expiresAt = row["expires_at"]
    }
}
