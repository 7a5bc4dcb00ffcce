import Foundation
import SandboxKit

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A response as the tests see it.
struct TestResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    var json: JSONValue {
        get throws { try JSONValue.parse(Array(body)) }
    }

    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Real HTTP over loopback with URLSession.
struct HTTPTestClient: Sendable {
    let session: URLSession

    init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 16
        configuration.timeoutIntervalForRequest = 60
        session = URLSession(configuration: configuration)
    }

    func send(
        _ method: String, _ url: URL, headers: [String: String] = [:], body: Data? = nil
    ) async throws -> TestResponse {
        var request = URLRequest(url: url)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await session.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            fields[String(describing: key)] = String(describing: value)
        }
        return TestResponse(status: http.statusCode, headers: fields, body: data)
    }

    func send(_ method: String, _ url: URL, headers: [String: String] = [:], json: JSONValue) async throws -> TestResponse {
        var headers = headers
        headers["Content-Type"] = headers["Content-Type"] ?? "application/json"
        return try await send(method, url, headers: headers, body: Data(json.serialized()))
    }
}

/// Builds a URL from a base and a path with an already-encoded query.
func makeURL(_ base: URL, _ pathAndQuery: String) -> URL {
    URL(string: base.absoluteString + pathAndQuery)!
}

/// Percent-encodes a query value.
func encoded(_ value: String) -> String {
    var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
    allowed.insert(charactersIn: "-._~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed)!
}

/// Parses an RFC 5988 `Link` header into rel → URL.
func parseLinks(_ header: String?) -> [String: URL] {
    guard let header else { return [:] }
    var links: [String: URL] = [:]
    for part in header.components(separatedBy: ", <") {
        let trimmed = part.hasPrefix("<") ? String(part.dropFirst()) : part
        guard let close = trimmed.firstIndex(of: ">") else { continue }
        let target = String(trimmed[..<close])
        guard let relRange = trimmed.range(of: "rel=\"") else { continue }
        let rest = trimmed[relRange.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { continue }
        links[String(rest[..<end])] = URL(string: target)
    }
    return links
}

/// The value of a query parameter in a URL.
func queryValue(_ url: URL, _ name: String) -> String? {
    URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == name }?.value
}
