import Foundation
import Logging

/// Typed client of the Autotask PSA REST API v1.0.
///
/// Authenticates with the `UserName`, `Secret` and `ApiIntegrationCode` headers; discovers the
/// zone; queries with `POST /{Entity}/query` and a typed ``ATFilter``, following `nextPageUrl`
/// (POSTed again with the same body) to the end. Every request passes the configuration's
/// ``AutotaskRequestLimiter``: at most 3 in flight per endpoint and a tracked hourly budget.
/// The calls live in extensions by area: companies, contracts, tickets, metadata.
public struct AutotaskClient: Sendable {
    public let configuration: AutotaskConfiguration
    let transport: HTTPTransport
    let zone: ATZoneResolver
    let logger: Logger

    /// - Throws: ``ClientConfigurationError`` for empty credentials or a malformed discovery URL.
    public init(configuration: AutotaskConfiguration, transport: HTTPTransport, logger: Logger) throws {
        guard !configuration.userName.isEmpty else { throw ClientConfigurationError("Autotask user name is empty") }
        guard !configuration.secret.isEmpty else { throw ClientConfigurationError("Autotask secret is empty") }
        guard !configuration.integrationCode.isEmpty else {
            throw ClientConfigurationError("Autotask integration code is empty")
        }
        guard URLParts.origin(of: configuration.zoneURL ?? configuration.discoveryURL) != nil else {
            throw ClientConfigurationError("Autotask zone/discovery URL is not an absolute URL")
        }
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        self.zone = ATZoneResolver(configuration: configuration, transport: transport, logger: logger)
    }

    /// The zone discovery answer for the configured user.
    public func zoneInformation() async throws -> ATZoneInformation {
        try await zone.zoneInformation()
    }

    /// The server's count of requests in the current threshold window (the call counts too).
    public func thresholdInformation() async throws -> ATThresholdInformation {
        try await get(ATThresholdInformation.self, "/ThresholdInformation")
    }

    // MARK: - Request plumbing

    private var credentialHeaders: [(String, String)] {
        [
            ("UserName", configuration.userName),
            ("Secret", configuration.secret.reveal()),
            ("ApiIntegrationCode", configuration.integrationCode.reveal()),
            ("Accept", "application/json"),
        ]
    }

    /// The endpoint a path is limited under: its first segment (the entity, e.g. `Tickets` for
    /// `/Tickets/query`, `/Tickets/42` and `/Tickets/42/Notes`).
    ///
    /// Autotask counts threads per "object endpoint"; whether a child URL is its own endpoint is
    /// not documented, so child URLs share their parent's slots (inferred; the conservative choice
    /// never exceeds the limit under either reading).
    static func endpointKey(_ path: String) -> String {
        path.split(separator: "/").first.map(String.init) ?? path
    }

    /// Sends an authenticated request to `{zone base}{path}`; after a 401 re-discovers the zone and
    /// resends once if it moved.
    func send(
        _ method: String, _ path: String, query: [(name: String, value: String)] = [], body: Data? = nil,
        idempotency: Idempotency
    ) async throws -> APIResponse {
        let base = try await zone.baseURL()
        do {
            return try await send(method, url: nil, base: base, path, query: query, body: body, idempotency: idempotency)
        } catch let error as APIError where error.status == 401 {
            guard let moved = try await zone.rediscover(replacing: base) else { throw error }
            return try await send(method, url: nil, base: moved, path, query: query, body: body, idempotency: idempotency)
        }
    }

    /// Sends to an absolute URL (a `nextPageUrl`) that was checked to be on the zone's origin.
    func send(
        _ method: String, url: String?, base: String, _ path: String, query: [(name: String, value: String)] = [],
        body: Data?, idempotency: Idempotency
    ) async throws -> APIResponse {
        var headers = credentialHeaders
        if body != nil { headers.append(("Content-Type", "application/json")) }
        let redactions = [configuration.secret.reveal(), configuration.integrationCode.reveal()]
        var request = APIRequest(
            method: method, baseURL: base, path: path, query: query, headers: headers, body: body,
            idempotency: idempotency, redactions: redactions, endpointKey: Self.endpointKey(path))
        if let url {
            request.url = url
            request.path = URLParts.path(ofAbsolute: url)
        }
        return try await transport.send(
            request, service: .autotask, retry: configuration.retry, gate: configuration.limiter, logger: logger)
    }

    func fullPath(_ path: String) async -> String {
        URLParts.path(ofAbsolute: (try? await zone.baseURL()) ?? "") + path
    }

    func decode<T: Decodable>(_ type: T.Type, _ response: APIResponse, _ method: String, _ path: String) async throws -> T {
        try APICoding.decode(type, from: response.body, service: .autotask, method: method, path: await fullPath(path))
    }

    func get<T: Decodable>(_ type: T.Type, _ path: String) async throws -> T {
        let response = try await send("GET", path, idempotency: .idempotent)
        return try await decode(type, response, "GET", path)
    }

    /// `GET /{Entity}/{id}`: the record, or ``APIError/Kind/notFound`` when `item` is null.
    func item<T: Decodable & Sendable>(_ type: T.Type, _ entity: String, id: Int) async throws -> T {
        let path = "/\(entity)/\(id)"
        guard let item = try await get(ATItem<T>.self, path).item else {
            throw APIError(
                service: .autotask, kind: .notFound, method: "GET", path: await fullPath(path), status: 200,
                messages: ["\(entity) \(id) does not exist"])
        }
        return item
    }

    /// Sends a body and returns the `itemId` of the answer.
    func sendForItemID<Body: Encodable>(
        _ method: String, _ path: String, body: Body, idempotency: Idempotency
    ) async throws -> Int {
        let data = try APICoding.encode(body, service: .autotask, method: method, path: await fullPath(path))
        let response = try await send(method, path, body: data, idempotency: idempotency)
        return try await decode(ATItemID.self, response, method, path).itemId
    }

    /// Every record matching `filter`: `POST /{Entity}/query`, then each `nextPageUrl` POSTed with
    /// the same body, to the last page. A failing page fails the call: no partial list.
    func query<T: Decodable & Sendable>(
        _ type: T.Type, _ entity: String, _ filter: ATFilter, includeFields: [String]? = nil
    ) async throws -> [T] {
        var all: [T] = []
        try await forEachQueryPage(type, entity, filter, includeFields: includeFields) { all += $0 }
        return all
    }

    /// Hands each page of a query to `body` as it is read (``query(_:_:_:includeFields:)`` page
    /// by page), so a caller holds one page at a time. A failing page ends the listing with its
    /// error after the pages before it were handed on: a caller that needs the whole list must
    /// act on that only once this returns.
    func forEachQueryPage<T: Decodable & Sendable>(
        _ type: T.Type, _ entity: String, _ filter: ATFilter, includeFields: [String]? = nil,
        _ body: ([T]) async throws -> Void
    ) async throws {
        let path = "/\(entity)/query"
        let problems = filter.problems()
        guard problems.isEmpty else {
            throw APIError(
                service: .autotask, kind: .invalidRequest, method: "POST", path: await fullPath(path), messages: problems)
        }
        var fields = includeFields
        if var list = fields, !list.contains("id") {
            list.append("id")  // needed for paging past 500 rows
            fields = list
        }
        let query = try APICoding.encode(
            ATQuery(filter: filter.topLevel, maxRecords: configuration.pageSize, includeFields: fields),
            service: .autotask, method: "POST", path: await fullPath(path))
        let base = try await zone.baseURL()
        var response = try await send("POST", path, body: query, idempotency: .idempotent)
        var seen: Set<String> = []
        var pages = 1
        while true {
            let page = try await decode(ATPage<T>.self, response, "POST", path)
            try await body(page.items)
            guard let next = page.pageDetails?.nextPageUrl, !next.isEmpty else { break }
            // Credentials go only to the zone's own origin.
            guard URLParts.origin(of: next) == URLParts.origin(of: base) else {
                throw APIError(
                    service: .autotask, kind: .incompleteListing, method: "POST", path: await fullPath(path),
                    messages: ["nextPageUrl points to another origin (\(URLParts.origin(of: next) ?? "?")); not followed"])
            }
            guard seen.insert(next).inserted else {
                throw APIError(
                    service: .autotask, kind: .incompleteListing, method: "POST", path: await fullPath(path),
                    messages: ["the server returned the same nextPageUrl twice after \(pages) pages"])
            }
            pages += 1
            response = try await send("POST", url: next, base: base, path, body: query, idempotency: .idempotent)
        }
    }

    /// Picklist values of `field` on `entity`.
    func picklist(_ fields: [ATFieldInfo], _ name: String) -> [ATPicklistValue] {
        fields.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.picklistValues ?? []
    }
}
