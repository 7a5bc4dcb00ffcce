import BridgeValues
import Foundation

/// The API's own error code and messages read from an error response body.
///
/// - Acronis v2: `{"error": {"code": 1006, "message": "...", "details": {"info": "..."}, "domain": "..."}}`;
///   the token endpoint: `{"error": "invalid_client", "error_description": "..."}`; other services
///   `reason`/`message`.
/// - ConnectWise: `{"code": "InvalidObject", "message": "...", "errors": [{"code", "message", "field"}]}`.
/// - Autotask: `{"errors": ["message", ...]}` (strings, sometimes objects with `message`).
/// Anything else (HTML, empty) is reduced to a short excerpt of the text.
struct APIErrorBody: Sendable, Equatable {
    var code: String?
    var messages: [String]

    init(code: String? = nil, messages: [String]) {
        self.code = code
        self.messages = messages
    }

    static func parse(_ data: Data, service: APIService) -> APIErrorBody {
        guard !data.isEmpty else { return APIErrorBody(messages: []) }
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return APIErrorBody(messages: [excerpt(String(decoding: data, as: UTF8.self))].filter { !$0.isEmpty })
        }
        var result: APIErrorBody
        switch service {
        case .acronis: result = acronis(json)
        case .connectWise: result = connectWise(json)
        case .autotask: result = autotask(json)
        }
        if result.messages.isEmpty, result.code == nil {
            result = generic(json)
        }
        return result
    }

    private static func acronis(_ json: JSONValue) -> APIErrorBody {
        if case .object(let error)? = json["error"] {
            let body = JSONValue.object(error)
            var messages: [String] = []
            if let message = body["message"]?.stringValue { messages.append(message) }
            if let info = body["details"]?["info"]?.stringValue, !info.isEmpty { messages.append(info) }
            return APIErrorBody(code: scalarText(body["code"]), messages: messages)
        }
        if let error = json["error"]?.stringValue {
            let description = json["error_description"]?.stringValue
            return APIErrorBody(code: error, messages: [description ?? error])
        }
        return generic(json)
    }

    private static func connectWise(_ json: JSONValue) -> APIErrorBody {
        var messages: [String] = []
        if let message = json["message"]?.stringValue { messages.append(message) }
        if case .array(let errors)? = json["errors"] {
            for error in errors {
                guard let message = error["message"]?.stringValue else { continue }
                if let field = error["field"]?.stringValue, !field.isEmpty {
                    messages.append("\(field): \(message)")
                } else {
                    messages.append(message)
                }
            }
        }
        let code = json["code"]?.stringValue ?? json["error"]?.stringValue
        return APIErrorBody(code: code, messages: messages)
    }

    private static func autotask(_ json: JSONValue) -> APIErrorBody {
        var messages: [String] = []
        if case .array(let errors)? = json["errors"] {
            for error in errors {
                if let text = error.stringValue {
                    messages.append(text)
                } else if let text = error["message"]?.stringValue {
                    messages.append(text)
                }
            }
        }
        return APIErrorBody(messages: messages)
    }

    private static func generic(_ json: JSONValue) -> APIErrorBody {
        var messages: [String] = []
        for key in ["message", "error_description", "reason", "detail", "title"] {
            if let text = json[key]?.stringValue { messages.append(text) }
        }
        if messages.isEmpty, let text = json.stringValue { messages.append(excerpt(text)) }
        return APIErrorBody(code: scalarText(json["code"]), messages: messages)
    }

    private static func scalarText(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: return text
        case .integer?, .number?: return value?.intValue.map(String.init)
        default: return nil
        }
    }

    private static func excerpt(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count > 300 ? String(trimmed.prefix(300)) + "…" : trimmed
    }

    /// True when the body is an Autotask thread-limit rejection, which can come with a status
    /// other than 429 ("Itgenatr005", "thread threshold ... exceeded").
    static func isAutotaskThreadLimit(_ data: Data) -> Bool {
        let text = String(decoding: data.prefix(4096), as: UTF8.self).lowercased()
        return text.contains("itgenatr005") || (text.contains("thread threshold") && text.contains("exceeded"))
    }

    /// Replaces every occurrence of the given strings (credentials) with `<redacted>`.
    func redacting(_ secrets: [String]) -> APIErrorBody {
        let secrets = secrets.filter { $0.count >= 4 }
        guard !secrets.isEmpty else { return self }
        func scrub(_ text: String) -> String {
            secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
        }
        return APIErrorBody(code: code.map(scrub), messages: messages.map(scrub))
    }
}
