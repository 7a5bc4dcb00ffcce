extension AcronisClient {
    /// True when `login` is free (`GET /api/2/users/check_login?username=` → 204; 409 = taken).
    public func isLoginAvailable(_ login: String) async throws -> Bool {
        do {
            _ = try await send("GET", "\(Self.accountPath)/users/check_login", query: [("username", login)])
            return true
        } catch let error as APIError where error.status == 409 {
            return false
        }
    }

    /// One user (`GET /api/2/users/{id}`).
    public func user(id: String) async throws -> AcronisUser {
        try await get(AcronisUser.self, "\(Self.accountPath)/users/\(Self.segment(id))")
    }

    /// The users of a tenant (`GET /api/2/tenants/{id}/users` for the ids, then the users).
    public func users(tenantID: String) async throws -> [AcronisUser] {
        let ids = try await get(AcronisItems<String>.self, "\(Self.accountPath)/tenants/\(Self.segment(tenantID))/users").items
        var users: [AcronisUser] = []
        for id in ids { users.append(try await user(id: id)) }
        return users
    }

    /// Creates a user in a tenant (`POST /api/2/users`). Not retried once it may have reached the
    /// server; check the login with ``isLoginAvailable(_:)`` before trying again.
    public func createUser(_ user: AcronisUserCreate) async throws -> AcronisUser {
        try await sendJSON(
            "POST", "\(Self.accountPath)/users", body: user, idempotency: .notIdempotent, returning: AcronisUser.self)
    }

    /// Sends the activation e-mail (`POST /api/2/users/{id}/send-activation-email` with `{}`).
    /// Only for users in sub-tenants of the API client's tenant.
    public func sendActivationEmail(userID: String) async throws {
        struct Empty: Encodable {}
        try await sendJSON(
            "POST", "\(Self.accountPath)/users/\(Self.segment(userID))/send-activation-email", body: Empty(),
            idempotency: .notIdempotent)
    }

    /// Sets a user's password, which activates the user (`POST /api/2/users/{id}/password`, 204).
    /// Setting the same password again changes nothing, so a retry is safe. The password is sent
    /// in the body only; it is never part of a URL, an error or a log line.
    public func setPassword(userID: String, password: String) async throws {
        struct Body: Encodable { var password: String }
        try await sendJSON(
            "POST", "\(Self.accountPath)/users/\(Self.segment(userID))/password", body: Body(password: password),
            idempotency: .idempotent)
    }

    /// Replaces a user's roles (`PUT /api/2/users/{id}/access_policies`); an empty list removes all.
    public func setAccessPolicies(userID: String, _ policies: [AcronisAccessPolicy]) async throws {
        struct Body: Encodable { var items: [AcronisAccessPolicy] }
        try await sendJSON(
            "PUT", "\(Self.accountPath)/users/\(Self.segment(userID))/access_policies", body: Body(items: policies),
            idempotency: .idempotent)
    }
}
