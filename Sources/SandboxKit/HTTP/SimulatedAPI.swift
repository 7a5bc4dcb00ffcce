/// What a handler gets: the request, its path parameters and the shared state.
struct HandlerContext: Sendable {
    let request: SandboxRequest
    let parameters: RouteParameters
    let state: SandboxState

    /// Path parameter by name.
    func parameter(_ name: String) -> String { parameters.string(name) }
}

/// One simulated API: its routes, its authentication and the shapes of its error bodies.
protocol SimulatedAPI: Sendable {
    var api: SandboxAPI { get }
    var routes: RouteTable<HandlerContext> { get }

    /// The key calls are counted under (`METHOD /template`, with generic parts filled in where useful).
    func callKey(method: String, template: RouteTemplate, parameters: RouteParameters) -> String
    /// The endpoint concurrency is tracked (and for Autotask, limited) under.
    func endpoint(template: RouteTemplate, parameters: RouteParameters) -> String
    /// Autotask's thread limits apply per integration code; nil for APIs without thread limits.
    func threadKey(_ request: SandboxRequest) -> String?
    /// Whether a route needs no credentials (token, discovery).
    func isPublic(_ template: RouteTemplate) -> Bool
    /// Whether a route counts towards an hourly budget.
    func countsTowardsBudget(_ template: RouteTemplate) -> Bool
    /// Checks the credentials; returns the refusal, or nil to go on.
    func authenticate(_ request: SandboxRequest, state: SandboxState) async -> SandboxResponse?

    func notFound(_ request: SandboxRequest) -> SandboxResponse
    func methodNotAllowed(_ request: SandboxRequest, allowed: [String]) -> SandboxResponse
    func rejection(_ rejection: AdmissionRejection) -> SandboxResponse
    /// A body for an error that is not a ``SandboxError`` (a bug or a bad request body).
    func unexpected(_ error: any Error) -> SandboxResponse
    /// The answer for a request carried out whose response is "lost".
    func lostResponse(status: Int) -> SandboxResponse
    /// Headers added to every answer of the API's routes.
    var responseHeaders: [(name: String, value: String)] { get }
}

extension SimulatedAPI {
    var responseHeaders: [(name: String, value: String)] { [] }
}
