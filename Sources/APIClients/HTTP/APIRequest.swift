import Foundation

/// One HTTP request, built by an API client and sent by ``HTTPTransport``.
struct APIRequest: Sendable {
    var method: String
    /// Absolute URL including the query string.
    var url: String
    /// The URL path without query, used in errors and logs (never holds a secret).
    var path: String
    /// Header name and value pairs. Values may hold credentials: never log them.
    var headers: [(String, String)]
    var body: Data?
    var idempotency: Idempotency
    /// Strings that must not appear in an error message taken from a response body
    /// (credentials the request carried), replaced by `<redacted>`.
    var redactions: [String]
    /// Key for per-endpoint limits (the Autotask entity), if any.
    var endpointKey: String?

    init(
        method: String, url: String, path: String, headers: [(String, String)] = [], body: Data? = nil,
        idempotency: Idempotency, redactions: [String] = [], endpointKey: String? = nil
    ) {
        self.method = method
        self.url = url
        self.path = path
        self.headers = headers
        self.body = body
        self.idempotency = idempotency
        self.redactions = redactions
        self.endpointKey = endpointKey
    }

    /// Builds a request for `baseURL` + `path` + encoded `query`.
    /// `baseURL` is `scheme://host[:port][/prefix]` without trailing slash; `path` starts with `/`.
    init(
        method: String, baseURL: String, path: String, query: [(name: String, value: String)] = [],
        headers: [(String, String)] = [], body: Data? = nil, idempotency: Idempotency,
        redactions: [String] = [], endpointKey: String? = nil
    ) {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        var url = base + path
        if !query.isEmpty { url += "?" + QueryEncoding.encode(query) }
        self.init(
            method: method, url: url, path: URLParts.path(ofAbsolute: base) + path, headers: headers, body: body,
            idempotency: idempotency, redactions: redactions, endpointKey: endpointKey)
    }

    mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.0.caseInsensitiveCompare(name) == .orderedSame }
        headers.append((name, value))
    }
}

/// Small helpers on absolute URL strings.
enum URLParts {
    /// `scheme://host[:port]` of an absolute URL, lower-cased, or nil.
    static func origin(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let afterScheme = url[schemeEnd.upperBound...]
        let hostEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        let host = afterScheme[..<hostEnd]
        guard !host.isEmpty else { return nil }
        return (url[..<schemeEnd.upperBound] + host).lowercased()
    }

    /// The path of an absolute URL (without query), `""` when it has none.
    static func path(ofAbsolute url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let afterScheme = url[schemeEnd.upperBound...]
        guard let slash = afterScheme.firstIndex(of: "/") else { return "" }
        let rest = afterScheme[slash...]
        let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? rest.endIndex
        return String(rest[..<end])
    }

    /// The raw query string (after `?`), if any.
    static func query(of url: String) -> String? {
        guard let mark = url.firstIndex(of: "?") else { return nil }
        let rest = url[url.index(after: mark)...]
        return String(rest.prefix(while: { $0 != "#" }))
    }
}
