import Foundation
import Logging

/// Client-credentials tokens for Acronis (`POST /api/2/idp/token`), cached and renewed once a
/// configured fraction of their lifetime has passed. Concurrent callers share one refresh.
actor AcronisTokenProvider {
    struct Token: Sendable {
        let value: String
        let refreshAt: ContinuousClock.Instant
    }

    private let configuration: AcronisConfiguration
    private let transport: HTTPTransport
    private let logger: Logger
    private let clock = ContinuousClock()
    private var token: Token?
    private var inFlight: Task<Token, any Error>?
    /// Number of tokens fetched so far (for diagnostics and tests).
    private(set) var fetchCount = 0

    init(configuration: AcronisConfiguration, transport: HTTPTransport, logger: Logger) {
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
    }

    /// A valid access token, fetched or renewed if needed.
    func accessToken() async throws -> String {
        if let token, clock.now < token.refreshAt { return token.value }
        return try await refresh().value
    }

    /// Drops `value` if it is still the cached token (after the server rejected it with 401).
    func invalidate(_ value: String) {
        if token?.value == value { token = nil }
    }

    private func refresh() async throws -> Token {
        if let inFlight { return try await inFlight.value }
        let task = Task { try await self.fetch() }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        token = fresh
        fetchCount += 1
        return fresh
    }

    private func fetch() async throws -> Token {
        let secret = configuration.clientSecret.reveal()
        let basic = Data("\(configuration.clientID):\(secret)".utf8).base64EncodedString()
        let request = APIRequest(
            method: "POST", baseURL: configuration.baseURL, path: "/api/2/idp/token",
            headers: [
                ("Authorization", "Basic \(basic)"),
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", "application/json"),
            ],
            body: Data("grant_type=client_credentials".utf8),
            // Issuing a token has no effect a second issue could duplicate.
            idempotency: .idempotent, redactions: [secret, basic])
        let started = clock.now
        let response = try await transport.send(
            request, service: .acronis, retry: configuration.retry, logger: logger)
        let body = try APICoding.decode(
            TokenResponse.self, from: response.body, service: .acronis, method: request.method, path: request.path)
        let lifetime = body.lifetimeSeconds(now: Date())
        let fraction = min(max(configuration.tokenRefreshFraction, 0.05), 1.0)
        let refreshAfter = Duration.milliseconds(Int64(lifetime * fraction * 1000))
        logger.debug("Acronis token issued", metadata: ["lifetime_s": "\(Int(lifetime))"])
        return Token(value: body.accessToken, refreshAt: started + refreshAfter)
    }

    /// `{"access_token", "token_type", "expires_in", "expires_on"}`.
    struct TokenResponse: Decodable {
        var accessToken: String
        var expiresIn: Double?
        /// Unix seconds.
        var expiresOn: Double?

        /// Lifetime from `expires_in`, else from `expires_on`, else the documented two hours.
        func lifetimeSeconds(now: Date) -> Double {
            if let expiresIn, expiresIn > 0 { return expiresIn }
            if let expiresOn {
                return max(expiresOn - now.timeIntervalSince1970, 1)
            }
            return 7200
        }

        enum CodingKeys: String, CodingKey {
            case accessToken = "access_token"
            case expiresIn = "expires_in"
            case expiresOn = "expires_on"
        }
    }
}
