import Foundation
import Hummingbird

/// `GET /login`, `POST /login`, `POST /logout`.
struct LoginRoutes {
    var services: ConsoleServices

    func register(on router: Router<ConsoleContext>) {
        router.get("/login") { request, context in try await page(request, context: context) }
        router.post("/login") { request, context in try await login(request, context: context) }
        router.post("/logout") { request, context in try await logout(request, context: context) }
        router.get("/favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/static/console.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: ConsolePages.styleSheet)))
        }
    }

    /// The login form, with a fresh double-submit token in a cookie of its own.
    func page(_ request: Request, context: ConsoleContext, name: String = "", problem: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        if context.session != nil { return .redirect(to: "/", type: .normal) }
        // The browser's token stays while it has one, so a second load of the page (another
        // tab, a redirected favicon request) does not make the first form stale.
        let existing = request.cookies[ConsoleSessions.loginCookieName]?.value ?? ""
        let token = ConsoleSessions.isWellFormedToken(existing) ? existing : ConsoleSessions.randomToken()
        var response = services.pages.render(
            "login", title: "Log in", context: context, values: ["loginToken": token, "name": name], problem: problem,
            status: status)
        response.setCookie(services.sessions.cookie(ConsoleSessions.loginCookieName, token, maxAge: 3_600))
        return response
    }

    func login(_ request: Request, context: ConsoleContext) async throws -> Response {
        let form = try await FormFields.read(request, context: context)
        guard let cookie = request.cookies[ConsoleSessions.loginCookieName]?.value, let sent = form["csrf"],
            ConsoleSessions.constantTimeEqual(cookie, sent)
        else {
            throw HTTPError(.forbidden, message: "the login form's security token is missing or stale: reload the page")
        }
        let name = form.text("name") ?? ""
        let password = form["password"] ?? ""
        let wait = await services.throttle.delay(for: name)
        if wait > .zero { try await Task.sleep(for: wait) }
        switch try await services.accounts.login(name: name, password: password) {
        case .success(let operatorName):
            await services.throttle.recordSuccess(name)
            services.logger.notice("console login", metadata: ["operator": "\(operatorName)"])
            var response = Response.redirect(to: "/", type: .normal)
            response.setCookie(try await services.sessions.start(operatorName: operatorName))
            response.setCookie(services.sessions.cookie(ConsoleSessions.loginCookieName, "", maxAge: 0))
            return response
        case .refused:
            await services.throttle.recordFailure(name)
            services.logger.warning("console login refused", metadata: ["operator": "\(name.prefix(64))"])
            return try await page(
                request, context: context, name: name, problem: "Wrong operator name or password.", status: .unauthorized)
        }
    }

    func logout(_ request: Request, context: ConsoleContext) async throws -> Response {
        _ = try await context.checkedForm(request)
        if let hash = context.sessionTokenHash { try await services.store.deleteConsoleSession(tokenHash: hash) }
        var response = Response.redirect(to: "/login", type: .normal)
        response.setCookie(services.sessions.cookie(ConsoleSessions.cookieName, "", maxAge: 0))
        return response
    }
}
