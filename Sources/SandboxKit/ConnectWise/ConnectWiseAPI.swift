import Foundation

/// The simulated ConnectWise Manage REST API 3.0 (codebase discovery at `/login/companyinfo/{company}`,
/// everything else under `/{codebase}apis/3.0/`).
struct ConnectWiseAPI: SimulatedAPI {
    let api = SandboxAPI.connectWise
    let routes: RouteTable<HandlerContext>

    /// Prefix of every REST route (the codebase segment is matched as a parameter).
    static let root = "/{codebase}/apis/3.0"

    init() {
        var routes = RouteTable<HandlerContext>()
        routes.add("GET", "/login/companyinfo/{company}") { context in
            try await ConnectWiseAPI.companyInfo(context)
        }
        routes.add("GET", Self.root + "/system/info") { context in
            try await ConnectWiseAPI.checkCodebase(context)
            return .json(["version": "v2024.1.104000", "isCloud": true, "serverTimeZone": "Eastern Standard Time", "cloudRegion": "NA"])
        }
        ConnectWiseAPI.addResourceRoutes(to: &routes)
        self.routes = routes
    }

    func callKey(method: String, template: RouteTemplate, parameters: RouteParameters) -> String {
        "\(method) \(template.description)"
    }

    func endpoint(template: RouteTemplate, parameters: RouteParameters) -> String {
        template.description
    }

    func threadKey(_ request: SandboxRequest) -> String? { nil }

    /// ConnectWise answers carry the server's API version (clients pin `Accept` versions from it).
    var responseHeaders: [(name: String, value: String)] { [("api-current-version", "2024.1")] }

    func isPublic(_ template: RouteTemplate) -> Bool {
        template.description.hasPrefix("/login/companyinfo")
    }

    func countsTowardsBudget(_ template: RouteTemplate) -> Bool { false }

    /// `Authorization: Basic base64(company+publicKey:privateKey)` and a `clientId` header.
    /// Missing or wrong keys get 401; a missing or unknown clientId gets 403 (as practitioners report).
    func authenticate(_ request: SandboxRequest, state: SandboxState) async -> SandboxResponse? {
        let expected = state.credentials.connectWise
        if await state.credentialsRevoked(.connectWise) {
            return ConnectWiseErrors.unauthorized("The API member's keys are no longer valid")
        }
        guard let authorization = request.header("Authorization") else {
            return ConnectWiseErrors.unauthorized("Authorization header is required (Basic company+publicKey:privateKey)")
        }
        guard authorization.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(authorization.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
        else {
            return ConnectWiseErrors.unauthorized("Authorization header is not HTTP Basic")
        }
        let user = text[..<colon]
        let password = text[text.index(after: colon)...]
        guard user == "\(expected.companyId)+\(expected.publicKey)" || user.lowercased() == "\(expected.companyId.lowercased())+\(expected.publicKey)",
            password == expected.privateKey
        else {
            return ConnectWiseErrors.unauthorized("UserNotAuthenticated: the company, public key or private key is wrong")
        }
        guard let clientId = request.header("clientId"), !clientId.isEmpty else {
            return ConnectWiseErrors.forbidden("A clientId header is required on every request")
        }
        guard clientId.lowercased() == expected.clientId.lowercased() else {
            return ConnectWiseErrors.forbidden("The clientId is not recognised")
        }
        return nil
    }

    func notFound(_ request: SandboxRequest) -> SandboxResponse {
        .json(ConnectWiseErrors.body(code: "NotFound", message: "The requested resource '\(request.rawPath)' was not found"), status: 404)
    }

    func methodNotAllowed(_ request: SandboxRequest, allowed: [String]) -> SandboxResponse {
        .json(
            ConnectWiseErrors.body(code: "MethodNotAllowed", message: "\(request.method) is not supported on \(request.rawPath)"),
            status: 405, headers: [("Allow", allowed.joined(separator: ", "))])
    }

    func rejection(_ rejection: AdmissionRejection) -> SandboxResponse {
        switch rejection {
        case .rateLimited(let seconds), .hourlyLimit(_, let seconds), .scripted(429, let seconds?):
            // Third-party note: the 429 body looks like {"error":"ConnectWiseAPI","message":"…"} (inferred shape).
            return .json(
                ["error": "ConnectWiseAPI", "code": "TooManyRequests", "message": "Request volume exceeds capacity limits; retry after \(seconds) seconds"],
                status: 429, headers: [("Retry-After", String(seconds))])
        case .failure(let status), .threadLimit(_, _, let status), .scripted(let status, _):
            return .json(ConnectWiseErrors.body(code: "ConnectWiseApi", message: "An error occurred processing the request (injected \(status))"), status: status)
        }
    }

    func unexpected(_ error: any Error) -> SandboxResponse {
        if let parse = error as? JSONParseError {
            return ConnectWiseErrors.badRequest("The request body is not valid JSON: \(parse)").response
        }
        return .json(ConnectWiseErrors.body(code: "ConnectWiseApi", message: "Unexpected error: \(error)"), status: 500)
    }

    func lostResponse(status: Int) -> SandboxResponse {
        .json(ConnectWiseErrors.body(code: "ServiceUnavailable", message: "The service is unavailable (injected after the request was carried out)"), status: status)
    }

    /// `GET /login/companyinfo/{company}`: JSON `null` for an unknown company, not a 404.
    static func companyInfo(_ context: HandlerContext) async throws -> SandboxResponse {
        let company = context.parameter("company")
        let credentials = context.state.credentials.connectWise
        guard company.lowercased() == credentials.companyId.lowercased() else { return .json(.null) }
        let codebase = await context.state.withStore { $0.connectWise.codebase }
        return .json([
            "CompanyName": .string(credentials.companyId), "Codebase": .string(codebase), "VersionCode": "v2024.1",
            "VersionNumber": "v4.6.104000", "CompanyID": .string(credentials.companyId), "IsCloud": true,
            "SiteUrl": .string(context.request.baseURL),
        ])
    }

    /// The codebase in the path must be the world's codebase or the `v4_6_release` router path;
    /// anything else answers 404, as a wrong codebase does on a hosted instance.
    static func checkCodebase(_ context: HandlerContext) async throws {
        let given = context.parameter("codebase")
        let codebase = await context.state.withStore { $0.connectWise.codebase }
        let expected = codebase.hasSuffix("/") ? String(codebase.dropLast()) : codebase
        guard given.lowercased() == expected.lowercased() || given.lowercased() == "v4_6_release" else {
            throw SandboxError(
                status: 404, body: ConnectWiseErrors.body(code: "NotFound", message: "Unknown codebase '\(given)'"))
        }
    }
}
