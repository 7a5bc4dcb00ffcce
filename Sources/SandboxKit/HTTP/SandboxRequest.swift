import Foundation
import Hummingbird

/// One HTTP request as the API handlers see it: decoded path segments, query items, headers and
/// the whole body.
struct SandboxRequest: Sendable {
    /// Upper-case method name, e.g. `GET`.
    var method: String
    /// The raw path as received (percent-encoded).
    var rawPath: String
    /// Percent-decoded path segments, empty segments dropped.
    var segments: [String]
    /// The raw query string, without `?`.
    var rawQuery: String
    /// Decoded query items in order.
    var query: QueryItems
    /// Request headers.
    var headers: HTTPFields
    /// The whole body.
    var body: [UInt8]
    /// Scheme, host and port of the listener that received the request, e.g. `http://127.0.0.1:9101`.
    var baseURL: String

    /// The first value of a header (names are case-insensitive).
    func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.canonicalName == wanted }?.value
    }

    /// True when the body is empty or only whitespace.
    var hasBody: Bool {
        body.contains { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
    }

    /// The body parsed as JSON.
    func jsonBody() throws -> JSONValue {
        try JSONValue.parse(body)
    }

    /// The media type of the body without parameters, lower-cased (e.g. `application/json`).
    var mediaType: String? {
        header("Content-Type").map {
            $0.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        }
    }

    /// Path and query as received, e.g. `/v4_6_release/apis/3.0/service/tickets?page=2`.
    var pathAndQuery: String {
        rawQuery.isEmpty ? rawPath : rawPath + "?" + rawQuery
    }
}

/// Decoded query items, looked up by case-insensitive name.
struct QueryItems: Sendable {
    /// The items in the order they came.
    var items: [(name: String, value: String)]

    init(items: [(name: String, value: String)] = []) { self.items = items }

    /// Parses `a=1&b=x%20y`; `+` is read as a space, as in form encoding.
    init(parsing query: String) {
        items = query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = QueryItems.decode(parts[0])
            let value = parts.count > 1 ? QueryItems.decode(parts[1]) : ""
            return (name, value)
        }
    }

    /// The first value for `name`.
    subscript(name: String) -> String? {
        items.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Every value for `name`.
    func all(_ name: String) -> [String] {
        items.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// Whether any item has this name.
    func contains(_ name: String) -> Bool { self[name] != nil }

    static func decode(_ text: Substring) -> String {
        let replaced = text.replacingOccurrences(of: "+", with: " ")
        return replaced.removingPercentEncoding ?? replaced
    }

    /// Encodes a query value (everything but unreserved characters is percent-encoded).
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved: CharacterSet = {
        var set = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        set.insert(charactersIn: "-._~")
        return set
    }()

    /// The items encoded back into a query string.
    var encoded: String {
        items.map { "\(QueryItems.encode($0.name))=\(QueryItems.encode($0.value))" }.joined(separator: "&")
    }

    /// A copy with `name` set to `value` (replacing every existing item of that name, or appending).
    func setting(_ name: String, to value: String) -> QueryItems {
        var copy = self
        if let first = copy.items.firstIndex(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame }) {
            copy.items[first].value = value
            copy.items = copy.items.enumerated().filter { index, item in
                index == first || item.name.caseInsensitiveCompare(name) != .orderedSame
            }.map(\.element)
        } else {
            copy.items.append((name, value))
        }
        return copy
    }

    /// A copy without `name`.
    func removing(_ name: String) -> QueryItems {
        QueryItems(items: items.filter { $0.name.caseInsensitiveCompare(name) != .orderedSame })
    }
}
