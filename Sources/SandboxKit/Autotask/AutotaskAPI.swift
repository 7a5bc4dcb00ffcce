import Foundation

/// The simulated Autotask REST API v1.0 under `/atservicesrest/v1.0/`, with zone discovery,
/// thread limits per integration code and endpoint, and the hourly request budget.
struct AutotaskAPI: SimulatedAPI {
    let api = SandboxAPI.autotask
    let routes: RouteTable<HandlerContext>
    static let root = "/atservicesrest/v1.0"

    init() {
        var routes = RouteTable<HandlerContext>()
        routes.add("GET", "/atservicesrest/versioninformation") { _ in .json(["apiVersions": ["1.0"]]) }
        routes.add("GET", Self.root + "/zoneInformation") { try await AutotaskAPI.zoneInformation($0) }
        routes.add("GET", Self.root + "/ThresholdInformation") { context in
            let limits = await context.state.currentAutotaskLimits()
            let used = await context.state.autotaskRequestsThisHour()
            return .json([
                "externalRequestThreshold": .int(limits.requestsPerHour), "requestThresholdTimeframe": 60,
                "currentTimeframeRequestCount": .int(used),
            ])
        }
        AutotaskAPI.addEntityRoutes(to: &routes)
        self.routes = routes
    }

    /// The template with `{entity}`/`{child}` replaced by the canonical entity names, e.g.
    /// `POST /atservicesrest/v1.0/Tickets/query`.
    func callKey(method: String, template: RouteTemplate, parameters: RouteParameters) -> String {
        var text = template.description
        if let entity = parameters.values["entity"] {
            text = text.replacingOccurrences(of: "{entity}", with: Self.entity(entity)?.name ?? entity)
        }
        if let child = parameters.values["child"] {
            text = text.replacingOccurrences(of: "{child}", with: child)
        }
        return "\(method) \(text)"
    }

    /// Thread limits count per object endpoint: the entity acted on (`TicketNotes` for
    /// `/Tickets/{id}/Notes`), or the route for the few non-entity routes.
    func endpoint(template: RouteTemplate, parameters: RouteParameters) -> String {
        guard let name = parameters.values["entity"] else {
            return template.description.split(separator: "/").last.map(String.init) ?? template.description
        }
        guard let entity = Self.entity(name) else { return name }
        if let child = parameters.values["child"], let childEntity = Self.childEntity(of: entity, named: child) {
            return childEntity.name
        }
        return entity.name
    }

    func threadKey(_ request: SandboxRequest) -> String? {
        if request.segments.last?.lowercased() == "zoneinformation" || request.segments.last?.lowercased() == "versioninformation" {
            return nil
        }
        return request.header("ApiIntegrationCode") ?? ""
    }

    func isPublic(_ template: RouteTemplate) -> Bool {
        template.description.hasSuffix("/zoneInformation") || template.description.hasSuffix("/versioninformation")
    }

    /// Zone discovery is exempt from the limits (inferred for the hourly budget); everything else counts.
    func countsTowardsBudget(_ template: RouteTemplate) -> Bool { !isPublic(template) }

    /// `UserName`, `Secret` and `ApiIntegrationCode` headers (names case-insensitive).
    func authenticate(_ request: SandboxRequest, state: SandboxState) async -> SandboxResponse? {
        let expected = state.credentials.autotask
        if await state.credentialsRevoked(.autotask) {
            return AutotaskErrors.response(401, ["User name or secret is invalid, or the user belongs to another zone."])
        }
        guard let user = request.header("UserName"), let secret = request.header("Secret"),
            let code = request.header("ApiIntegrationCode")
        else {
            return AutotaskErrors.response(401, ["The UserName, Secret and ApiIntegrationCode headers are required."])
        }
        guard user.lowercased() == expected.userName.lowercased(), secret == expected.secret else {
            return AutotaskErrors.response(401, ["User name or secret is invalid, or the user belongs to another zone."])
        }
        guard code == expected.integrationCode else {
            return AutotaskErrors.response(401, ["The API tracking identifier (ApiIntegrationCode) is invalid."])
        }
        return nil
    }

    func notFound(_ request: SandboxRequest) -> SandboxResponse {
        AutotaskErrors.response(404, ["No HTTP resource was found that matches the request URI '\(request.baseURL)\(request.rawPath)'."])
    }

    func methodNotAllowed(_ request: SandboxRequest, allowed: [String]) -> SandboxResponse {
        AutotaskErrors.response(
            405, ["The requested resource does not support http method '\(request.method)'."], headers: [("Allow", allowed.joined(separator: ", "))])
    }

    func rejection(_ rejection: AdmissionRejection) -> SandboxResponse {
        switch rejection {
        case .threadLimit(let endpoint, let limit, let status):
            return AutotaskErrors.response(
                status,
                ["Itgenatr005: Thread Threshold Exceeded — The Autotask API thread threshold of \(limit) threads has been exceeded for the \(endpoint) endpoint."])
        case .hourlyLimit(let limit, let seconds):
            return AutotaskErrors.response(
                429, ["API request threshold of \(limit) requests per hour exceeded; retry after \(seconds) seconds."],
                headers: [("Retry-After", String(seconds))])
        case .rateLimited(let seconds), .scripted(429, let seconds?):
            return AutotaskErrors.response(429, ["Too many requests; retry after \(seconds) seconds."], headers: [("Retry-After", String(seconds))])
        case .failure(let status), .scripted(let status, _):
            return AutotaskErrors.response(status, ["An unexpected error occurred (injected \(status))."])
        }
    }

    func unexpected(_ error: any Error) -> SandboxResponse {
        if let parse = error as? JSONParseError {
            return AutotaskErrors.response(500, ["The request body is not valid JSON: \(parse)"])
        }
        return AutotaskErrors.response(500, ["Unexpected error: \(error)"])
    }

    func lostResponse(status: Int) -> SandboxResponse {
        AutotaskErrors.response(status, ["Service unavailable (injected after the request was carried out)."])
    }

    /// `GET /atservicesrest/v1.0/zoneInformation?user=` answers this listener's own URL; a blank
    /// or unknown user gets 500, as django-autotask notes.
    static func zoneInformation(_ context: HandlerContext) async throws -> SandboxResponse {
        let user = context.request.query["user"] ?? ""
        guard user.lowercased() == context.state.credentials.autotask.userName.lowercased() else {
            throw AutotaskErrors.error("Unable to find the zone for user '\(user)'.")
        }
        let zone = await context.state.withStore { $0.autotask.zone }
        var answer = zone
        answer["url"] = .string(context.request.baseURL + "/atservicesrest/")
        return .json(.object(answer))
    }
}
