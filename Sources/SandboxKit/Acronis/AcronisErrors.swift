/// Acronis error bodies: v2 `{"error": {"code", "message", "details", "domain"}}` and the OAuth
/// `{"error", "error_description"}` of the token endpoint.
enum AcronisErrors {
    static let accountDomain = "PlatformAccountServer"
    static let alertDomain = "AlertManager"

    static func body(code: Int, message: String, domain: String = accountDomain, details: JSONObject? = nil, context: JSONObject? = nil)
        -> JSONValue
    {
        var error: JSONObject = ["code": .int(code), "message": .string(message), "domain": .string(domain)]
        if let details { error["details"] = .object(details) }
        if let context { error["context"] = .object(context) }
        return ["error": .object(error)]
    }

    static func error(_ status: Int, _ message: String, code: Int? = nil, domain: String = accountDomain, details: JSONObject? = nil, context: JSONObject? = nil)
        -> SandboxError
    {
        SandboxError(status: status, body: body(code: code ?? status, message: message, domain: domain, details: details, context: context))
    }

    static func badRequest(_ message: String, domain: String = accountDomain) -> SandboxError {
        error(400, message, domain: domain)
    }

    static func notFound(_ what: String, _ id: String, domain: String = accountDomain) -> SandboxError {
        error(404, "\(what) '\(id)' not found", domain: domain, context: ["id": .string(id)])
    }

    static func conflict(_ message: String, id: String) -> SandboxError {
        error(409, message, context: ["id": .string(id)])
    }

    static func oauth(_ status: Int, _ error: String, _ description: String) -> SandboxError {
        SandboxError(status: status, body: ["error": .string(error), "error_description": .string(description)])
    }
}
