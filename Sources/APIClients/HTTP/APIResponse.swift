import Foundation

/// A successful (2xx) HTTP response.
struct APIResponse: Sendable {
    var status: Int
    /// Header name (lower-cased) and value pairs.
    var headers: [(String, String)]
    var body: Data

    /// First value of a header, matched case-insensitively.
    func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.0 == lower }?.1
    }
}
