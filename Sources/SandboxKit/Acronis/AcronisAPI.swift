import Foundation

/// The simulated Acronis Cyber Cloud APIs: Account Management v2 under `/api/2` and the Alert
/// Manager under `/api/alert_manager/v1`, authorised with client-credentials bearer tokens.
struct AcronisAPI: SimulatedAPI {
    let api = SandboxAPI.acronis
    let routes: RouteTable<HandlerContext>

    init() {
        var routes = RouteTable<HandlerContext>()
        routes.add("POST", "/api/2/idp/token") { try await AcronisAPI.issueToken($0) }
        AcronisAPI.addAccountRoutes(to: &routes)
        AcronisAPI.addAlertRoutes(to: &routes)
        self.routes = routes
    }

    func callKey(method: String, template: RouteTemplate, parameters: RouteParameters) -> String {
        "\(method) \(template.description)"
    }

    func endpoint(template: RouteTemplate, parameters: RouteParameters) -> String { template.description }

    func threadKey(_ request: SandboxRequest) -> String? { nil }

    func isPublic(_ template: RouteTemplate) -> Bool { template.description == "/api/2/idp/token" }

    func countsTowardsBudget(_ template: RouteTemplate) -> Bool { false }

    /// `Authorization: Bearer <token>` (or an `access_token` query parameter, which the v2
    /// reference also allows); missing, unknown and expired tokens get 401.
    func authenticate(_ request: SandboxRequest, state: SandboxState) async -> SandboxResponse? {
        let domain = request.rawPath.hasPrefix("/api/alert_manager") ? AcronisErrors.alertDomain : AcronisErrors.accountDomain
        var token: String?
        if let authorization = request.header("Authorization") {
            guard authorization.lowercased().hasPrefix("bearer ") else {
                return AcronisErrors.error(401, "Authorization must be a Bearer token", domain: domain).response
            }
            token = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        } else {
            token = request.query["access_token"]
        }
        guard let token, !token.isEmpty else {
            return AcronisErrors.error(401, "Access token is missing", domain: domain).response
        }
        guard let expiry = await state.tokenExpiry(token) else {
            return AcronisErrors.error(401, "Access token is invalid", domain: domain).response
        }
        guard expiry > Date() else {
            return AcronisErrors.error(401, "Access token has expired", domain: domain).response
        }
        return nil
    }

    func notFound(_ request: SandboxRequest) -> SandboxResponse {
        AcronisErrors.error(404, "Resource '\(request.rawPath)' not found").response
    }

    func methodNotAllowed(_ request: SandboxRequest, allowed: [String]) -> SandboxResponse {
        var response = AcronisErrors.error(405, "Method \(request.method) is not allowed on '\(request.rawPath)'").response
        response.headers.append(("Allow", allowed.joined(separator: ", ")))
        return response
    }

    func rejection(_ rejection: AdmissionRejection) -> SandboxResponse {
        switch rejection {
        case .rateLimited(let seconds), .hourlyLimit(_, let seconds), .scripted(429, let seconds?):
            var response = AcronisErrors.error(429, "Too many requests; retry after \(seconds) seconds").response
            response.headers.append(("Retry-After", String(seconds)))
            return response
        case .failure(let status), .threadLimit(_, _, let status), .scripted(let status, _):
            return AcronisErrors.error(status, "Internal server error (injected)").response
        }
    }

    func unexpected(_ error: any Error) -> SandboxResponse {
        if let parse = error as? JSONParseError {
            return AcronisErrors.badRequest("The request body is not valid JSON: \(parse)").response
        }
        return AcronisErrors.error(500, "Unexpected error: \(error)").response
    }

    func lostResponse(status: Int) -> SandboxResponse {
        AcronisErrors.error(status, "Service unavailable (injected after the request was carried out)").response
    }

    /// Requests with a JSON body must say so (`415` otherwise, as the v2 reference documents).
    static func requireJSON(_ request: SandboxRequest) throws {
        guard request.mediaType == "application/json" else {
            throw AcronisErrors.error(415, "Content-Type must be application/json, got '\(request.mediaType ?? "none")'")
        }
    }

    /// The JSON object body of a POST/PUT.
    static func objectBody(_ request: SandboxRequest) throws -> JSONObject {
        try requireJSON(request)
        guard let object = try request.jsonBody().objectValue else {
            throw AcronisErrors.badRequest("The request body must be a JSON object")
        }
        return object
    }

    /// `POST /api/2/idp/token` with `grant_type=client_credentials`, the client in HTTP Basic or in
    /// the form body.
    static func issueToken(_ context: HandlerContext) async throws -> SandboxResponse {
        let request = context.request
        guard request.mediaType == "application/x-www-form-urlencoded" else {
            throw AcronisErrors.oauth(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded")
        }
        let form = QueryItems(parsing: String(decoding: request.body, as: UTF8.self))
        guard let grant = form["grant_type"] else {
            throw AcronisErrors.oauth(400, "invalid_request", "grant_type is required")
        }
        guard grant == "client_credentials" else {
            throw AcronisErrors.oauth(400, "unsupported_grant_type", "The sandbox supports grant_type=client_credentials only")
        }
        var clientId = form["client_id"]
        var clientSecret = form["client_secret"]
        if let authorization = request.header("Authorization"), authorization.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":")
        {
            clientId = String(text[..<colon]).removingPercentEncoding ?? String(text[..<colon])
            clientSecret = String(text[text.index(after: colon)...]).removingPercentEncoding ?? String(text[text.index(after: colon)...])
        }
        let expected = context.state.credentials.acronis
        if await context.state.credentialsRevoked(.acronis) {
            throw AcronisErrors.oauth(401, "invalid_client", "Client authentication failed")
        }
        guard let clientId, let clientSecret else {
            throw AcronisErrors.oauth(401, "invalid_client", "Client credentials are required (HTTP Basic or client_id/client_secret)")
        }
        guard clientId == expected.clientId, clientSecret == expected.clientSecret else {
            throw AcronisErrors.oauth(401, "invalid_client", "Client authentication failed")
        }
        let (token, expiry, lifetime) = await context.state.issueToken()
        return .json([
            "access_token": .string(token), "token_type": "bearer", "expires_on": .int(Int(expiry.timeIntervalSince1970)),
            "expires_in": .int(lifetime), "id_token": .string("sbx-id." + token.suffix(16)),
            "scope": "urn:acronis.com::account-server::partner_admin urn:acronis.com::alert_manager::admin",
        ])
    }
}

extension SandboxState {
    /// Issues a new access token; returns it, its expiry and its lifetime in whole seconds.
    func issueToken() -> (String, Date, Int) {
        let token = "sbx." + (0..<4).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined()
        let seconds = Double(tokenLifetime.components.seconds) + Double(tokenLifetime.components.attoseconds) / 1e18
        let now = Date()
        let expiry = now.addingTimeInterval(seconds)
        if tokens.count >= 1024 {
            // Forget expired tokens (a request with one gets "invalid" instead of "expired"; both are 401).
            tokens = tokens.filter { $0.value > now }
        }
        tokens[token] = expiry
        return (token, expiry, Int(seconds.rounded(.down)))
    }

    /// The expiry of a token, or nil when it was never issued (or forgotten by a reset).
    func tokenExpiry(_ token: String) -> Date? {
        tokens[token]
    }
}
