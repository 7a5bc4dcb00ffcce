/// ConnectWise error bodies: `{"code", "message", "errors": [{code, message, resource, field}]}`.
enum ConnectWiseErrors {
    static func body(code: String, message: String, errors: [JSONObject] = []) -> JSONValue {
        var object: JSONObject = ["code": .string(code), "message": .string(message)]
        if !errors.isEmpty { object["errors"] = .array(errors.map(JSONValue.object)) }
        return .object(object)
    }

    /// 400 for a request that cannot be understood (bad conditions, bad PATCH body).
    static func badRequest(_ message: String) -> SandboxError {
        SandboxError(status: 400, body: body(code: "BadRequest", message: message))
    }

    /// 400 `InvalidObject` naming the resource and field that failed validation.
    static func invalidObject(resource: String, field: String, code: String = "InvalidField", message: String) -> SandboxError {
        SandboxError(
            status: 400,
            body: body(
                code: "InvalidObject", message: "\(resource) object is invalid",
                errors: [
                    ["code": .string(code), "message": .string(message), "resource": .string(resource), "field": .string(field)]
                ]))
    }

    /// 404 for a missing record.
    static func notFound(resource: String, id: String) -> SandboxError {
        SandboxError(status: 404, body: body(code: "NotFound", message: "\(resource) with id \(id) not found"))
    }

    /// 401 for missing or wrong credentials.
    static func unauthorized(_ message: String) -> SandboxResponse {
        .json(body(code: "Unauthorized", message: message), status: 401)
    }

    /// 403 for a missing or unknown clientId.
    static func forbidden(_ message: String) -> SandboxResponse {
        .json(body(code: "Forbidden", message: message), status: 403)
    }
}
