import Foundation

/// Users: login check, create, read, update, delete, activation e-mail, password, roles and 2FA.
extension AcronisAPI {
    static let userWritable: Set<String> = [
        "tenant_id", "login", "contact", "enabled", "language", "external_id", "business_types", "notifications", "idp_id",
        "terms_accepted",
    ]
    static let userReadOnly: Set<String> = [
        "id", "version", "activated", "created_at", "updated_at", "deleted_at", "personal_tenant_id", "mfa_status", "access_policies",
    ]

    static func addUserRoutes(to routes: inout RouteTable<HandlerContext>) {
        routes.add("GET", "/api/2/users/check_login") { context in
            guard let login = context.request.query["username"], !login.isEmpty else {
                throw AcronisErrors.badRequest("'username' is required")
            }
            return await context.state.withStore { store in
                let taken = !(store.acronis.users.keys(where: "login", equals: .string(login)) ?? []).isEmpty
                return taken ? AcronisErrors.conflict("Login '\(login)' is already taken", id: login).response : .empty(204)
            }
        }
        routes.add("POST", "/api/2/users") { try await createUser($0) }
        routes.add("GET", "/api/2/users") { context in
            let query = context.request.query
            return try await context.state.withStore { store in
                var users: [JSONObject]
                if let uuids = query["uuids"] {
                    users = uuids.split(separator: ",").compactMap { store.acronis.users[$0.trimmingCharacters(in: .whitespaces).lowercased()] }
                } else if let tenant = query["tenant_id"] {
                    _ = try visibleTenant(tenant, store.acronis)
                    users = (store.acronis.users.keys(where: "tenant_id", equals: .string(tenant.lowercased())) ?? []).compactMap { store.acronis.users[$0] }
                } else if let root = query["subtree_root_tenant_id"] {
                    _ = try visibleTenant(root, store.acronis)
                    let members = Set(subtree(root.lowercased(), store.acronis))
                    users = store.acronis.users.all.filter { members.contains($0["tenant_id"]?.stringValue ?? "") }
                } else {
                    throw AcronisErrors.badRequest("One of uuids, tenant_id or subtree_root_tenant_id is required")
                }
                if query["allow_deleted"] != "true" { users = users.filter { $0["deleted_at"]?.isNull ?? true } }
                return .json([
                    "items": .array(users.map(JSONValue.object)), "paging": ["cursors": [:]], "timestamp": .string(ISODate.seconds(Date())),
                ])
            }
        }
        routes.add("GET", "/api/2/users/{id}") { context in
            let id = context.parameter("id").lowercased()
            return try await context.state.withStore { store in .json(.object(try visibleUser(id, store.acronis))) }
        }
        routes.add("PUT", "/api/2/users/{id}") { try await updateUser($0) }
        routes.add("DELETE", "/api/2/users/{id}") { context in
            let id = context.parameter("id").lowercased()
            guard let version = context.request.query["version"].flatMap(Int.init) else {
                throw AcronisErrors.badRequest("The 'version' query parameter is required to delete a user")
            }
            let now = Date()
            return try await context.state.withStore { store in
                var user = try visibleUser(id, store.acronis)
                guard user["version"]?.intValue == version else {
                    throw AcronisErrors.conflict("Version conflict on user '\(id)'", id: id)
                }
                user["deleted_at"] = .string(ISODate.seconds(now))
                user["version"] = .int(store.acronis.nextVersion())
                store.acronis.users.upsert(id, user)
                return .empty(204)
            }
        }
        routes.add("GET", "/api/2/tenants/{id}/users") { context in
            let id = context.parameter("id").lowercased()
            return try await context.state.withStore { store in
                _ = try visibleTenant(id, store.acronis)
                let ids = (store.acronis.users.keys(where: "tenant_id", equals: .string(id)) ?? [])
                    .filter { store.acronis.users[$0]?["deleted_at"]?.isNull ?? true }
                return .json(["items": .array(ids.map(JSONValue.string))])
            }
        }
        routes.add("POST", "/api/2/users/{id}/send-activation-email") { try await sendActivationEmail($0) }
        routes.add("POST", "/api/2/users/{id}/password") { context in
            let id = context.parameter("id").lowercased()
            let body = try objectBody(context.request)
            guard let password = body["password"]?.stringValue, password.count >= 8 else {
                throw AcronisErrors.badRequest("'password' of at least 8 characters is required")
            }
            return try await context.state.withStore { store in
                var user = try visibleUser(id, store.acronis)
                try requireSubTenantUser(user, store.acronis)
                user["activated"] = true
                user["version"] = .int(store.acronis.nextVersion())
                store.acronis.users.upsert(id, user)
                return .empty(204)
            }
        }
        routes.add("GET", "/api/2/users/{id}/access_policies") { context in
            let id = context.parameter("id").lowercased()
            return try await context.state.withStore { store in
                let user = try visibleUser(id, store.acronis)
                return .json(["items": user["access_policies"] ?? .array([])])
            }
        }
        routes.add("PUT", "/api/2/users/{id}/access_policies") { context in
            let id = context.parameter("id").lowercased()
            let body = try objectBody(context.request)
            guard let items = body["items"]?.arrayValue else {
                throw AcronisErrors.badRequest("Body must be {\"items\": [access policies]}")
            }
            return try await context.state.withStore { store in
                var user = try visibleUser(id, store.acronis)
                let policies = try items.enumerated().map { index, item -> JSONValue in
                    guard var policy = item.objectValue, let role = policy["role_id"]?.stringValue, !role.isEmpty,
                        let tenant = policy["tenant_id"]?.stringValue
                    else {
                        throw AcronisErrors.badRequest("items[\(index)] needs 'role_id' and 'tenant_id'")
                    }
                    _ = try visibleTenant(tenant, store.acronis)
                    if policy["id"]?.stringValue == nil || policy["id"]?.stringValue == "00000000-0000-0000-0000-000000000000" {
                        policy["id"] = .string(UUID().uuidString.lowercased())
                    }
                    policy["trustee_id"] = .string(id)
                    policy["trustee_type"] = policy["trustee_type"] ?? "user"
                    policy["issuer_id"] = .string(store.acronis.partnerTenantId)
                    policy["version"] = .int(store.acronis.nextVersion())
                    return .object(policy)
                }
                user["access_policies"] = .array(policies)
                user["version"] = .int(store.acronis.nextVersion())
                store.acronis.users.upsert(id, user)
                return .json(["items": .array(policies)])
            }
        }
        routes.add("PUT", "/api/2/users/{id}/mfa/status") { context in
            let id = context.parameter("id").lowercased()
            let body = try objectBody(context.request)
            guard let enabled = body["enabled"]?.boolValue else { throw AcronisErrors.badRequest("Body must be {\"enabled\": true|false}") }
            return try await context.state.withStore { store in
                var user = try visibleUser(id, store.acronis)
                user["mfa_status"] = .string(enabled ? "setup_required" : "disabled")
                user["version"] = .int(store.acronis.nextVersion())
                store.acronis.users.upsert(id, user)
                return .json(["mfa_status": user["mfa_status"]!])
            }
        }
    }

    static func visibleUser(_ id: String, _ store: AcronisStore) throws -> JSONObject {
        guard let user = store.users[id], user["deleted_at"]?.isNull ?? true else { throw AcronisErrors.notFound("User", id) }
        guard let tenant = user["tenant_id"]?.stringValue.flatMap({ store.tenants[$0] }), isInPartnerSubtree(tenant, store) else {
            throw AcronisErrors.error(403, "Access to user '\(id)' is denied")
        }
        return user
    }

    /// Activation e-mails and passwords: only for users in sub-tenants of the client's tenant.
    static func requireSubTenantUser(_ user: JSONObject, _ store: AcronisStore) throws {
        if user["tenant_id"]?.stringValue == store.partnerTenantId {
            throw AcronisErrors.error(403, "This operation is only allowed for users located in sub-tenants of the API client's tenant")
        }
    }

    static func createUser(_ context: HandlerContext) async throws -> SandboxResponse {
        let body = try objectBody(context.request)
        let now = Date()
        return try await context.state.withStore { store in
            guard let tenantId = body["tenant_id"]?.stringValue?.lowercased() else { throw AcronisErrors.badRequest("'tenant_id' is required") }
            if let unknown = body.keys.first(where: { !userWritable.contains($0) && !userReadOnly.contains($0) }) {
                throw AcronisErrors.badRequest("Unknown user field '\(unknown)'")
            }
            _ = try writableTenant(tenantId, store.acronis)
            let login = body["login"]?.stringValue
            if let login {
                let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+@")
                guard !login.isEmpty, login.unicodeScalars.allSatisfy(allowed.contains) else {
                    throw AcronisErrors.badRequest("Login '\(login)' may contain only letters, digits and . _ - + @")
                }
                if !(store.acronis.users.keys(where: "login", equals: .string(login)) ?? []).isEmpty {
                    throw AcronisErrors.conflict("Login '\(login)' is already taken", id: login)
                }
            }
            let id = UUID().uuidString.lowercased()
            var user: JSONObject = [
                "id": .string(id), "version": .int(store.acronis.nextVersion()), "tenant_id": .string(tenantId),
                "login": .string(login), "contact": body["contact"] ?? .object([:]), "activated": false,
                "enabled": body["enabled"] ?? true, "terms_accepted": body["terms_accepted"] ?? false,
                "language": body["language"] ?? "en", "idp_id": body["idp_id"] ?? .null, "external_id": body["external_id"] ?? .null,
                "personal_tenant_id": .null, "business_types": body["business_types"] ?? .array([]),
                "notifications": body["notifications"] ?? .array([]), "mfa_status": "disabled", "access_policies": .array([]),
                "created_at": .string(ISODate.seconds(now)), "updated_at": .string(ISODate.seconds(now)), "deleted_at": .null,
            ]
            if user["contact"]?["email"].stringValue == nil, login == nil {
                throw AcronisErrors.badRequest("A user needs a 'login' or a contact e-mail")
            }
            user["login"] = user["login"]!.isNull ? (user["contact"]?["email"] ?? .null) : user["login"]!
            store.acronis.users.upsert(id, user)
            // The generated clients and the Go connector expect 200 (not 201) here.
            return .json(.object(user))
        }
    }

    static func updateUser(_ context: HandlerContext) async throws -> SandboxResponse {
        let id = context.parameter("id").lowercased()
        let body = try objectBody(context.request)
        let now = Date()
        return try await context.state.withStore { store in
            var user = try visibleUser(id, store.acronis)
            guard let version = body["version"]?.intValue else { throw AcronisErrors.badRequest("'version' is required to update a user") }
            guard version == user["version"]?.intValue else { throw AcronisErrors.conflict("Version conflict on user '\(id)'", id: id) }
            if let unknown = body.keys.first(where: { !userWritable.contains($0) && !userReadOnly.contains($0) }) {
                throw AcronisErrors.badRequest("Unknown user field '\(unknown)'")
            }
            for (key, value) in body where userWritable.contains(key) && key != "tenant_id" { user[key] = value }
            user["version"] = .int(store.acronis.nextVersion())
            user["updated_at"] = .string(ISODate.seconds(now))
            store.acronis.users.upsert(id, user)
            return .json(.object(user))
        }
    }

    /// `POST /users/{id}/send-activation-email` with `{}` and `Content-Type: application/json` → 204.
    static func sendActivationEmail(_ context: HandlerContext) async throws -> SandboxResponse {
        let id = context.parameter("id").lowercased()
        try requireJSON(context.request)
        guard context.request.hasBody, try context.request.jsonBody().objectValue != nil else {
            throw AcronisErrors.badRequest("The body must be an empty JSON object {}")
        }
        let now = Date()
        return try await context.state.withStore { store in
            let user = try visibleUser(id, store.acronis)
            try requireSubTenantUser(user, store.acronis)
            if user["activated"]?.boolValue == true {
                throw AcronisErrors.badRequest("User '\(id)' is already activated")
            }
            guard let email = user["contact"]?["email"].stringValue, !email.isEmpty else {
                throw AcronisErrors.badRequest("User '\(id)' has no contact e-mail to send the activation to")
            }
            store.acronis.activationEmails.append([
                "user_id": .string(id), "email": .string(email), "login": user["login"] ?? .null,
                "tenant_id": user["tenant_id"] ?? .null, "sent_at": .string(ISODate.milliseconds(now)),
            ])
            return .empty(204)
        }
    }
}
