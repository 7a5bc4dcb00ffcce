import Foundation
import Logging

/// Finds and caches the REST base URL of a ConnectWise company:
/// `{api origin}/{codebase}apis/3.0`, the codebase coming from `GET {site}/login/companyinfo/{company}`
/// (no authentication). Hosted instances move between codebases, so after a 404 the client asks
/// again and retries once if the codebase changed.
actor CWCodebaseResolver {
    private let configuration: ConnectWiseConfiguration
    private let transport: HTTPTransport
    private let logger: Logger
    private let siteOrigin: String
    private let apiOrigin: String
    private var cached: String?

    /// Cloud login hosts and their API hosts.
    static let cloudAPIHosts: [String: String] = [
        "na.myconnectwise.net": "api-na.myconnectwise.net",
        "eu.myconnectwise.net": "api-eu.myconnectwise.net",
        "au.myconnectwise.net": "api-au.myconnectwise.net",
        "aus.myconnectwise.net": "api-aus.myconnectwise.net",
        "za.myconnectwise.net": "api-za.myconnectwise.net",
        "staging.connectwisedev.com": "api-staging.connectwisedev.com",
    ]

    init(configuration: ConnectWiseConfiguration, transport: HTTPTransport, logger: Logger) throws {
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        let (site, api) = try Self.origins(of: configuration.site)
        self.siteOrigin = site
        self.apiOrigin = api
        if let codebase = configuration.codebase {
            cached = Self.baseURL(apiOrigin: api, codebase: codebase)
        }
    }

    /// The login-site origin and the API origin for a configured site.
    static func origins(of site: String) throws -> (site: String, api: String) {
        var text = site.trimmingCharacters(in: .whitespaces)
        if !text.contains("://") { text = "https://" + text }
        guard let origin = URLParts.origin(of: text), let schemeEnd = origin.range(of: "://") else {
            throw ClientConfigurationError("ConnectWise site '\(site)' is not a host name or URL")
        }
        let scheme = origin[..<schemeEnd.lowerBound]
        let hostAndPort = String(origin[schemeEnd.upperBound...])
        if let apiHost = cloudAPIHosts[hostAndPort] {
            return (origin, "\(scheme)://\(apiHost)")
        }
        return (origin, origin)
    }

    static func baseURL(apiOrigin: String, codebase: String) -> String {
        var codebase = codebase.trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
        if !codebase.isEmpty { codebase += "/" }
        return "\(apiOrigin)/\(codebase)apis/3.0"
    }

    /// The REST base URL, discovering the codebase on first use.
    func baseURL() async throws -> String {
        if let cached { return cached }
        let base = try await discover()
        cached = base
        return base
    }

    /// Asks for the codebase again after `stale` failed with 404. Returns the new base URL when it
    /// changed, nil when it did not (or when the codebase is configured).
    func rediscover(replacing stale: String) async throws -> String? {
        guard configuration.codebase == nil else { return nil }
        if let cached, cached != stale { return cached }
        let fresh = try await discover()
        cached = fresh
        if fresh != stale {
            logger.notice("ConnectWise codebase changed", metadata: ["base": "\(fresh)"])
            return fresh
        }
        return nil
    }

    /// The `companyinfo` answer for the configured company; also refreshes the cached base URL
    /// (unless the codebase is configured).
    func companyInfo() async throws -> CWCompanyInfo {
        let info = try await fetchCompanyInfo()
        if configuration.codebase == nil {
            cached = Self.baseURL(apiOrigin: apiOrigin, codebase: info.codebase)
        }
        return info
    }

    private func fetchCompanyInfo() async throws -> CWCompanyInfo {
        let path = "/login/companyinfo/\(QueryEncoding.pathSegment(configuration.companyID))"
        let request = APIRequest(
            method: "GET", baseURL: siteOrigin, path: path, headers: [("Accept", "application/json")],
            idempotency: .idempotent)
        let response = try await transport.send(request, service: .connectWise, retry: configuration.retry, logger: logger)
        // An unknown company gets JSON `null`, not a 404.
        let trimmed = String(decoding: response.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed == "null" {
            throw APIError(
                service: .connectWise, kind: .notFound, method: "GET", path: path, status: response.status,
                messages: ["the site does not know company id '\(configuration.companyID)' (companyinfo returned null)"])
        }
        return try APICoding.decode(CWCompanyInfo.self, from: response.body, service: .connectWise, method: "GET", path: path)
    }

    private func discover() async throws -> String {
        let info = try await fetchCompanyInfo()
        return Self.baseURL(apiOrigin: apiOrigin, codebase: info.codebase)
    }
}
