import BridgeValues

/// Why a message body was refused. Such a message goes to the dead-letter queue at once (S3, S5)
/// with `code` and `description` as its reason.
public struct MessageRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// A short stable code, usable in a header or a metric label.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case tooLarge = "too-large"
        case malformedJSON = "malformed-json"
        case unsupportedSchemaVersion = "unsupported-schema-version"
        case unknownType = "unknown-type"
        case schemaViolation = "schema-violation"
    }

    /// What was wrong, with details.
    public enum Reason: Sendable, Hashable {
        /// The body is longer than the limit (checked before parsing).
        case tooLarge(size: Int, limit: Int)
        /// The body is not a JSON document.
        case malformedJSON(JSONParseError)
        /// `schemaVersion` is an integer other than the supported one.
        case unsupportedSchemaVersion(Int)
        /// `type` is a string that names no message type.
        case unknownType(String)
        /// The message breaks its schema (or a rule the schema cannot express); every problem is listed.
        case schemaViolation([SchemaProblem])
    }

    public var reason: Reason
    /// The message id, when it could be read (for logs and the dead-letter queue).
    public var messageId: String?
    /// The message type as written, when it could be read.
    public var type: String?

    public init(reason: Reason, messageId: String? = nil, type: String? = nil) {
        self.reason = reason
        self.messageId = messageId
        self.type = type
    }

    public var code: Code {
        switch reason {
        case .tooLarge: .tooLarge
        case .malformedJSON: .malformedJSON
        case .unsupportedSchemaVersion: .unsupportedSchemaVersion
        case .unknownType: .unknownType
        case .schemaViolation: .schemaViolation
        }
    }

    /// The problems, for a schema violation.
    public var problems: [SchemaProblem] {
        if case .schemaViolation(let problems) = reason { return problems }
        return []
    }

    public var description: String {
        var subject = "message"
        if let messageId { subject += " \(messageId)" }
        if let type { subject += " (\(Self.clip(type)))" }
        switch reason {
        case .tooLarge(let size, let limit):
            return "\(subject) rejected: body is \(size) bytes, over the limit of \(limit) bytes"
        case .malformedJSON(let error):
            return "\(subject) rejected: body is not JSON: \(error)"
        case .unsupportedSchemaVersion(let version):
            return "\(subject) rejected: schemaVersion \(version) is not supported (supported: 1)"
        case .unknownType(let name):
            let known = MessageType.allCases.map(\.rawValue).joined(separator: ", ")
            return "\(subject) rejected: unknown message type '\(Self.clip(name))' (known: \(known))"
        case .schemaViolation(let problems):
            return "\(subject) rejected: \(problems.count) schema problem\(problems.count == 1 ? "" : "s"): "
                + problems.map(\.description).joined(separator: "; ")
        }
    }

    private static func clip(_ text: String) -> String {
        text.count <= 80 ? text : String(text.prefix(80)) + "…"
    }
}
