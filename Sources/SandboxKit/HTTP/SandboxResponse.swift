import Foundation

/// A response produced by a handler, before it is turned into a Hummingbird response.
struct SandboxResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response.
    static func json(_ value: JSONValue, status: Int = 200, headers: [(name: String, value: String)] = []) -> SandboxResponse {
        SandboxResponse(
            status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers,
            body: value.serialized())
    }

    /// An empty response (e.g. 204).
    static func empty(_ status: Int = 204, headers: [(name: String, value: String)] = []) -> SandboxResponse {
        SandboxResponse(status: status, headers: headers)
    }

    /// The body parsed as JSON (for the in-process API and tests).
    func jsonBody() throws -> JSONValue {
        try JSONValue.parse(body)
    }
}

/// An error a handler throws to answer with a given status and body (already in the API's error shape).
struct SandboxError: Error, Sendable {
    var status: Int
    var body: JSONValue?
    var headers: [(name: String, value: String)] = []

    var response: SandboxResponse {
        if let body {
            return .json(body, status: status, headers: headers)
        }
        return .empty(status, headers: headers)
    }
}
