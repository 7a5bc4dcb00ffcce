import Foundation
import Logging

/// Finds and caches the zone's REST base (`{zone url}v1.0`). Zone discovery needs no
/// credentials and is exempt from thread limits. After a 401 the client asks again and retries
/// once if the zone moved.
actor ATZoneResolver {
    private let configuration: AutotaskConfiguration
    private let transport: HTTPTransport
    private let logger: Logger
    private var cached: String?

    init(configuration: AutotaskConfiguration, transport: HTTPTransport, logger: Logger) {
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        if let zone = configuration.zoneURL { cached = Self.baseURL(zoneURL: zone) }
    }

    static func baseURL(zoneURL: String) -> String {
        var root = zoneURL
        while root.hasSuffix("/") { root.removeLast() }
        return root + "/v1.0"
    }

    /// The REST base URL, discovering the zone on first use.
    func baseURL() async throws -> String {
        if let cached { return cached }
        let base = Self.baseURL(zoneURL: try await zoneInformation().url)
        cached = base
        return base
    }

    /// Asks for the zone again after `stale` got 401; returns the new base when it moved.
    func rediscover(replacing stale: String) async throws -> String? {
        guard configuration.zoneURL == nil else { return nil }
        if let cached, cached != stale { return cached }
        let fresh = Self.baseURL(zoneURL: try await zoneInformation().url)
        cached = fresh
        if fresh != stale {
            logger.notice("Autotask zone changed", metadata: ["base": "\(fresh)"])
            return fresh
        }
        return nil
    }

    /// `GET {discovery}/v1.0/zoneInformation?user={userName}` (HTTP 500 when the user is unknown).
    func zoneInformation() async throws -> ATZoneInformation {
        let path = "/v1.0/zoneInformation"
        let request = APIRequest(
            method: "GET", baseURL: configuration.discoveryURL, path: path,
            query: [("user", configuration.userName)], headers: [("Accept", "application/json")],
            idempotency: .idempotent)
        let response = try await transport.send(request, service: .autotask, retry: configuration.retry, logger: logger)
        return try APICoding.decode(
            ATZoneInformation.self, from: response.body, service: .autotask, method: "GET", path: request.path)
    }
}
