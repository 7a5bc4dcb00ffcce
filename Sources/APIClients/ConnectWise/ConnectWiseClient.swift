import Foundation
import Logging

/// Typed client of the ConnectWise PSA (Manage) REST API 3.0.
///
/// Authenticates with Basic `company+publicKey:privateKey` and the `clientId` header; discovers
/// the codebase; follows paging to the end and never returns a partial list; updates with
/// PATCH operations. Filters are built with ``CWCondition``. The calls live in extensions by
/// area: companies, finance, service setup, tickets.
public struct ConnectWiseClient: Sendable {
    public let configuration: ConnectWiseConfiguration
    let transport: HTTPTransport
    let resolver: CWCodebaseResolver
    let logger: Logger

    /// - Throws: ``ClientConfigurationError`` for an unusable site or empty credentials.
    public init(configuration: ConnectWiseConfiguration, transport: HTTPTransport, logger: Logger) throws {
        guard !configuration.companyID.isEmpty else { throw ClientConfigurationError("ConnectWise company id is empty") }
        guard !configuration.publicKey.isEmpty else { throw ClientConfigurationError("ConnectWise public key is empty") }
        guard !configuration.privateKey.isEmpty else { throw ClientConfigurationError("ConnectWise private key is empty") }
        guard !configuration.clientID.isEmpty else { throw ClientConfigurationError("ConnectWise clientId is empty") }
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        self.resolver = try CWCodebaseResolver(configuration: configuration, transport: transport, logger: logger)
    }

    /// The codebase discovery answer for the configured company (no authentication needed).
    public func companyInfo() async throws -> CWCompanyInfo {
        try await resolver.companyInfo()
    }

    /// Server information (`GET /system/info`); a cheap authenticated call to check a connection.
    public func systemInfo() async throws -> CWSystemInfo {
        try await get(CWSystemInfo.self, "/system/info")
    }

    // MARK: - Request plumbing

    private var authorization: String {
        let credentials = "\(configuration.companyID)+\(configuration.publicKey):\(configuration.privateKey.reveal())"
        return "Basic " + Data(credentials.utf8).base64EncodedString()
    }

    /// Sends an authenticated request to `{base}{path}`; after a 404 re-discovers the codebase and,
    /// if it moved, sends once more (a 404 means nothing was processed).
    func send(
        _ method: String, _ path: String, query: [(name: String, value: String)] = [], body: Data? = nil,
        idempotency: Idempotency = .idempotent
    ) async throws -> APIResponse {
        let base = try await resolver.baseURL()
        do {
            return try await send(method, base: base, path, query: query, body: body, idempotency: idempotency)
        } catch let error as APIError where error.status == 404 {
            guard let moved = try await resolver.rediscover(replacing: base) else { throw error }
            return try await send(method, base: moved, path, query: query, body: body, idempotency: idempotency)
        }
    }

    private func send(
        _ method: String, base: String, _ path: String, query: [(name: String, value: String)], body: Data?,
        idempotency: Idempotency
    ) async throws -> APIResponse {
        let authorization = self.authorization
        var headers = [
            ("Authorization", authorization),
            ("clientId", configuration.clientID.reveal()),
            ("Accept", configuration.apiVersion.map { "application/vnd.connectwise.com+json; version=\($0)" } ?? "application/json"),
        ]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let request = APIRequest(
            method: method, baseURL: base, path: path, query: query, headers: headers, body: body,
            idempotency: idempotency,
            redactions: [configuration.privateKey.reveal(), configuration.clientID.reveal(), authorization])
        return try await transport.send(request, service: .connectWise, retry: configuration.retry, logger: logger)
    }

    func get<T: Decodable>(_ type: T.Type, _ path: String, query: [(name: String, value: String)] = []) async throws -> T {
        let response = try await send("GET", path, query: query)
        return try await decode(type, response, "GET", path)
    }

    func sendJSON<Body: Encodable, T: Decodable>(
        _ method: String, _ path: String, body: Body, idempotency: Idempotency, returning type: T.Type
    ) async throws -> T {
        let data = try APICoding.encode(body, service: .connectWise, method: method, path: path)
        let response = try await send(method, path, body: data, idempotency: idempotency)
        return try await decode(type, response, method, path)
    }

    /// PATCH with operations; PATCH of absolute values is idempotent.
    func patch<T: Decodable>(_ path: String, _ operations: [CWPatchOperation], returning type: T.Type) async throws -> T {
        guard !operations.isEmpty else {
            throw APIError(
                service: .connectWise, kind: .invalidRequest, method: "PATCH", path: path,
                messages: ["a PATCH needs at least one operation"])
        }
        return try await sendJSON("PATCH", path, body: operations, idempotency: .idempotent, returning: type)
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: APIResponse, _ method: String, _ path: String) async throws -> T {
        let fullPath = URLParts.path(ofAbsolute: (try? await resolver.baseURL()) ?? "") + path
        return try APICoding.decode(type, from: response.body, service: .connectWise, method: method, path: fullPath)
    }

    /// Renders a query, turning a bad condition into an ``APIError`` naming the request.
    func parameters(_ query: CWQuery, _ path: String) throws -> [(name: String, value: String)] {
        do {
            return try query.parameters()
        } catch {
            throw APIError(
                service: .connectWise, kind: .invalidRequest, method: "GET", path: path, messages: [error.reason])
        }
    }

    /// Every record of a list endpoint: `page`/`pageSize`, following the `Link` header's `next`
    /// (or, without a `Link` header, until a short page). The query is sent on every page.
    /// Any failing page fails the whole call: no partial list is returned.
    func listAll<T: Decodable>(_ type: T.Type, _ path: String, _ query: CWQuery) async throws -> [T] {
        var all: [T] = []
        try await forEachPage(type, path, query) { all += $0 }
        return all
    }

    /// Hands each page of a list endpoint to `body` as it is read (``listAll(_:_:_:)`` page by
    /// page), so a caller holds one page at a time. A failing page ends the listing with its
    /// error after the pages before it were handed on: a caller that needs the whole list
    /// (e.g. to tell what is missing from it) must act on that only once this returns.
    func forEachPage<T: Decodable>(
        _ type: T.Type, _ path: String, _ query: CWQuery, _ body: ([T]) async throws -> Void
    ) async throws {
        let parameters = try parameters(query, path)
        let pageSize = configuration.pageSize
        var page = 1
        while true {
            let response = try await send(
                "GET", path, query: parameters + [("page", String(page)), ("pageSize", String(pageSize))])
            let items = try await decode([T].self, response, "GET", path)
            try await body(items)
            if let link = response.header("link") {
                guard let next = LinkHeader(link).next else { break }
                guard let nextPage = Self.pageNumber(in: next), nextPage > page else {
                    throw APIError(
                        service: .connectWise, kind: .incompleteListing, method: "GET", path: path,
                        messages: ["the Link header's next page does not follow page \(page): \(URLParts.path(ofAbsolute: next))"])
                }
                page = nextPage
            } else {
                guard items.count >= pageSize, !items.isEmpty else { break }
                page += 1
            }
        }
    }

    /// The `page` parameter of a Link URL.
    static func pageNumber(in url: String) -> Int? {
        guard let query = URLParts.query(of: url) else { return nil }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "page" { return Int(parts[1]) }
        }
        return nil
    }

    static func segment(_ id: Int) -> String { String(id) }
}
