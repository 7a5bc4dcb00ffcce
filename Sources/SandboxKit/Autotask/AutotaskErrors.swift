/// Autotask error bodies: `{"errors": ["message", …]}`, answered with 500 for validation and
/// permission errors as the REST API does.
enum AutotaskErrors {
    static func error(_ message: String, status: Int = 500) -> SandboxError {
        SandboxError(status: status, body: ["errors": [.string(message)]])
    }

    static func response(_ status: Int, _ messages: [String], headers: [(name: String, value: String)] = []) -> SandboxResponse {
        .json(["errors": .array(messages.map(JSONValue.string))], status: status, headers: headers)
    }
}
