import BridgeState
import Crypto
import Foundation
import Hummingbird

/// Console sessions: a random token in an HttpOnly, SameSite=Strict cookie; the state database
/// keeps only its SHA-256, the operator, a CSRF token and the expiry. Any console process on the
/// same state file honours the session.
public struct ConsoleSessions: Sendable {
    public static let cookieName = "psa_bridge_session"
    /// The login form's own CSRF token (double-submit: cookie and form field must match).
    public static let loginCookieName = "psa_bridge_login"

    public var store: StateStore
    public var configuration: ConsoleConfiguration

    public init(store: StateStore, configuration: ConsoleConfiguration) {
        self.store = store
        self.configuration = configuration
    }

    /// 32 random bytes, URL-safe base64 without padding.
    public static func randomToken() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        return bytes.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `text` has the shape of a ``randomToken()``.
    public static func isWellFormedToken(_ text: String) -> Bool {
        text.count == 43 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// The lowercase hex SHA-256 of a token.
    public static func hash(_ token: String) -> String {
        Digest.sha256Hex(of: Data(token.utf8))
    }

    /// Compares two tokens in time independent of where they differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    /// Starts a session for `operatorName` and returns the cookie that carries it.
    public func start(operatorName: String) async throws -> Cookie {
        let token = Self.randomToken()
        let lifetime = configuration.sessionLifetime
        let seconds = Double(lifetime.components.seconds)
        try await store.createConsoleSession(
            tokenHash: Self.hash(token), operatorName: operatorName, csrfToken: Self.randomToken(),
            expiresAt: Date().addingTimeInterval(seconds))
        return cookie(Self.cookieName, token, maxAge: Int(seconds))
    }

    /// A cookie as the console sets them: HttpOnly, SameSite=Strict, path /, Secure over HTTPS.
    public func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.browserUsesHTTPS, httpOnly: true,
            sameSite: .strict)
    }

    /// The session a request's cookie names, with the hash it was found by.
    public func session(for request: Request) async throws -> (ConsoleSession, String)? {
        guard let token = request.cookies[Self.cookieName]?.value, !token.isEmpty else { return nil }
        let hash = Self.hash(token)
        return try await store.consoleSession(tokenHash: hash).map { ($0, hash) }
    }
}

/// Finds the request's session; sends a request without one to the login page (pages) or
/// answers 401 (anything else), except for the login page and the style sheet.
public struct ConsoleSessionMiddleware: RouterMiddleware {
    public typealias Context = ConsoleContext
    public var sessions: ConsoleSessions
    public static let publicPaths: Set<String> = ["/login", "/static/console.css", "/favicon.ico"]

    public init(sessions: ConsoleSessions) {
        self.sessions = sessions
    }

    public func handle(_ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response)
        async throws -> Response
    {
        var context = context
        if let (session, hash) = try await sessions.session(for: request) {
            context.session = session
            context.sessionTokenHash = hash
        }
        if context.session == nil && !Self.publicPaths.contains(request.uri.path) {
            if request.method == .get || request.method == .head { return .redirect(to: "/login", type: .normal) }
            throw HTTPError(.unauthorized, message: "log in first")
        }
        return try await next(request, context)
    }
}
