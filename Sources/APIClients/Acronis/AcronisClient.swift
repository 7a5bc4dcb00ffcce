import Foundation
import Logging

/// Typed client of the Acronis Cyber Cloud APIs: Account Management v2 (`/api/2`) and Alert
/// Manager (`/api/alert_manager/v1`).
///
/// Authenticates with client credentials; the token is cached, renewed before it expires, and
/// renewed once more (with one resend) when a call gets 401. The calls live in extensions by area:
/// tenants, offering items, infra and usages, usage reports, users, alerts.
public struct AcronisClient: Sendable {
    public let configuration: AcronisConfiguration
    let transport: HTTPTransport
    let tokens: AcronisTokenProvider
    let logger: Logger

    static let accountPath = "/api/2"
    static let alertsPath = "/api/alert_manager/v1"
    /// Ids per batch call (`uuids=`, `tenants=`): Acronis clients keep to 100.
    static let batchSize = 100

    /// - Throws: ``ClientConfigurationError`` when the base URL, client id or secret is unusable.
    public init(configuration: AcronisConfiguration, transport: HTTPTransport, logger: Logger) throws {
        guard URLParts.origin(of: configuration.baseURL) != nil else {
            throw ClientConfigurationError("Acronis base URL '\(configuration.baseURL)' is not an absolute URL")
        }
        guard !configuration.clientID.isEmpty else { throw ClientConfigurationError("Acronis client id is empty") }
        guard !configuration.clientSecret.isEmpty else {
            throw ClientConfigurationError("Acronis client secret is empty")
        }
        var configuration = configuration
        while configuration.baseURL.hasSuffix("/") { configuration.baseURL.removeLast() }
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        self.tokens = AcronisTokenProvider(configuration: configuration, transport: transport, logger: logger)
    }

    /// Number of access tokens fetched by this client so far.
    public func tokenFetchCount() async -> Int {
        await tokens.fetchCount
    }

    // MARK: - Request plumbing

    /// Sends an authenticated request; on 401 fetches a new token and resends once.
    /// - Parameter accept: the `Accept` header (JSON, but for a file download).
    func send(
        _ method: String, _ path: String, query: [(name: String, value: String)] = [], body: Data? = nil,
        idempotency: Idempotency = .idempotent, accept: String = "application/json"
    ) async throws -> APIResponse {
        var refreshed = false
        while true {
            let token = try await tokens.accessToken()
            var headers = [("Authorization", "Bearer \(token)"), ("Accept", accept)]
            if body != nil { headers.append(("Content-Type", "application/json")) }
            let request = APIRequest(
                method: method, baseURL: configuration.baseURL, path: path, query: query, headers: headers, body: body,
                idempotency: idempotency, redactions: [token, configuration.clientSecret.reveal()])
            do {
                return try await transport.send(request, service: .acronis, retry: configuration.retry, logger: logger)
            } catch let error as APIError where error.status == 401 && !refreshed {
                // A 401 means the request was not processed, so even a create may be resent.
                refreshed = true
                await tokens.invalidate(token)
                logger.info("Acronis rejected the access token; fetching a new one", metadata: ["path": "\(path)"])
            }
        }
    }

    func get<T: Decodable>(_ type: T.Type, _ path: String, query: [(name: String, value: String)] = []) async throws -> T {
        let response = try await send("GET", path, query: query)
        return try decode(type, response, "GET", path)
    }

    func sendJSON<Body: Encodable, T: Decodable>(
        _ method: String, _ path: String, body: Body, query: [(name: String, value: String)] = [],
        idempotency: Idempotency, returning type: T.Type
    ) async throws -> T {
        let data = try APICoding.encode(body, service: .acronis, method: method, path: fullPath(path))
        let response = try await send(method, path, query: query, body: data, idempotency: idempotency)
        return try decode(type, response, method, path)
    }

    func sendJSON<Body: Encodable>(
        _ method: String, _ path: String, body: Body, query: [(name: String, value: String)] = [],
        idempotency: Idempotency
    ) async throws {
        let data = try APICoding.encode(body, service: .acronis, method: method, path: fullPath(path))
        _ = try await send(method, path, query: query, body: data, idempotency: idempotency)
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: APIResponse, _ method: String, _ path: String) throws -> T {
        try APICoding.decode(type, from: response.body, service: .acronis, method: method, path: fullPath(path))
    }

    func fullPath(_ path: String) -> String {
        URLParts.path(ofAbsolute: configuration.baseURL) + path
    }

    /// Follows a cursor-paged listing to its end. When `cursorOnly` is set, later pages send only
    /// `after` (the cursor encodes the filters); otherwise the first query is repeated with it.
    func listAll<Item: Decodable & Sendable>(
        _ type: Item.Type, _ path: String, query: [(name: String, value: String)], cursorOnly: Bool
    ) async throws -> [Item] {
        var items: [Item] = []
        try await forEachPage(type, path, query: query, cursorOnly: cursorOnly) { items += $0 }
        return items
    }

    /// Follows a cursor-paged listing to its end, handing each page's items to `body` as it comes,
    /// so a caller that keeps only part of each record never holds the whole listing as read.
    func forEachPage<Item: Decodable & Sendable>(
        _ type: Item.Type, _ path: String, query: [(name: String, value: String)], cursorOnly: Bool,
        _ body: ([Item]) async throws -> Void
    ) async throws {
        var cursor: String?
        var seen: Set<String> = []
        repeat {
            var pageQuery = query
            if let cursor {
                pageQuery = cursorOnly ? [("after", cursor)] : query + [("after", cursor)]
            }
            let page = try await get(AcronisPage<Item>.self, path, query: pageQuery)
            cursor = page.nextCursor
            if let next = cursor {
                guard seen.insert(next).inserted else {
                    throw APIError(
                        service: .acronis, kind: .incompleteListing, method: "GET", path: fullPath(path),
                        messages: ["the server returned the same page cursor twice; the listing does not end"])
                }
            }
            try await body(page.items)
        } while cursor != nil
    }

    static func segment(_ id: String) -> String { QueryEncoding.pathSegment(id) }
}
