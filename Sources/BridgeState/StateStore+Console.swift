import Foundation

/// Console operators and sessions. Passwords arrive hashed (bcrypt, by the console's accounts)
/// and session tokens as their SHA-256: neither a password nor a usable token is ever stored.
extension StateStore {
    /// Adds an operator, or with `replace` sets the password of an existing one (ending its
    /// sessions).
    /// - Throws: ``StateStoreError/consoleOperatorExists(name:)`` when the name is taken and
    ///   `replace` is false.
    public func addConsoleOperator(name: String, passwordHash: String, replace: Bool = false) async throws {
        try Self.requireNonEmpty(name, field: "operator name")
        try Self.requireNonEmpty(passwordHash, field: "password hash")
        let now = self.now
        try await write { db in
            let exists = try db.fetchOne(Bool.self, sql: "SELECT 1 FROM console_operators WHERE name = ?", arguments: [name]) ?? false
            if exists {
                guard replace else { throw StateStoreError.consoleOperatorExists(name: name) }
                try db.execute(
                    sql: """
                        UPDATE console_operators SET password_hash = ?, failed_logins = 0, updated_at = ? WHERE name = ?
                        """,
                    arguments: [passwordHash, now, name])
                try db.execute(sql: "DELETE FROM console_sessions WHERE operator = ?", arguments: [name])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO console_operators (name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?)
                        """,
                    arguments: [name, passwordHash, now, now])
            }
        }
    }

    /// The operator `name`, or nil.
    public func consoleOperator(name: String) async throws -> ConsoleOperator? {
        try await read { db in
            try db.fetchOne(sql: "SELECT * FROM console_operators WHERE name = ?", arguments: [name]).map(ConsoleOperator.init)
        }
    }

    /// Every operator, by name.
    public func consoleOperators() async throws -> [ConsoleOperator] {
        try await read { db in
            try db.fetchAll(sql: "SELECT * FROM console_operators ORDER BY name").map(ConsoleOperator.init)
        }
    }

    /// Records a login attempt of a known operator: a success clears the run of failures, a
    /// failure adds to it and to the total.
    public func recordConsoleLogin(name: String, succeeded: Bool) async throws {
        let now = self.now
        try await write { db in
            if succeeded {
                try db.execute(
                    sql: "UPDATE console_operators SET failed_logins = 0, last_login_at = ? WHERE name = ?",
                    arguments: [now, name])
            } else {
                try db.execute(
                    sql: """
                        UPDATE console_operators
                        SET failed_logins = failed_logins + 1, failed_logins_total = failed_logins_total + 1, last_failed_at = ?
                        WHERE name = ?
                        """,
                    arguments: [now, name])
            }
        }
    }

    /// Starts a session for `operatorName` (and drops sessions that have expired).
    public func createConsoleSession(tokenHash: String, operatorName: String, csrfToken: String, expiresAt: Date) async throws {
        try Self.requireNonEmpty(tokenHash, field: "session token hash")
        try Self.requireNonEmpty(csrfToken, field: "CSRF token")
        let now = self.now
        try await write { db in
            try db.execute(sql: "DELETE FROM console_sessions WHERE expires_at <= ?", arguments: [now])
            try db.execute(
                sql: """
                    INSERT INTO console_sessions (token_hash, operator, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [tokenHash, operatorName, csrfToken, now, expiresAt])
        }
    }

    /// The session whose token hashes to `tokenHash`, unless it has expired.
    public func consoleSession(tokenHash: String) async throws -> ConsoleSession? {
        let now = self.now
        return try await read { db in
            try db.fetchOne(sql: "SELECT * FROM console_sessions WHERE token_hash = ? AND expires_at > ?", arguments: [tokenHash, now]
            ).map(ConsoleSession.init)
        }
    }

    /// Ends a session (logout).
    public func deleteConsoleSession(tokenHash: String) async throws {
        try await write { db in
            try db.execute(sql: "DELETE FROM console_sessions WHERE token_hash = ?", arguments: [tokenHash])
        }
    }
}
