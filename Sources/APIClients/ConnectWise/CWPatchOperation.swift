import BridgeValues

/// One ConnectWise PATCH operation. The body of a PATCH is an array of them; `path` is the bare
/// field name (`quantity`, `status`, `customFields`), and references are replaced whole
/// (`{"id": 12}`), never through sub-paths such as `status/id`.
public struct CWPatchOperation: Sendable, Hashable, Encodable {
    /// `add`, `replace` or `remove`.
    public var op: String
    public var path: String
    public var value: JSONValue?

    public init(op: String, path: String, value: JSONValue?) {
        self.op = op
        self.path = path
        self.value = value
    }

    /// `{"op": "replace", "path": path, "value": value}`.
    public static func replace(_ path: String, with value: JSONValue) -> CWPatchOperation {
        CWPatchOperation(op: "replace", path: path, value: value)
    }

    /// Replaces a reference field with `{"id": id}`.
    public static func replace(_ path: String, withReferenceTo id: Int) -> CWPatchOperation {
        replace(path, with: ["id": .integer(id)])
    }

    /// `{"op": "remove", "path": path}` (clears a reference).
    public static func remove(_ path: String) -> CWPatchOperation {
        CWPatchOperation(op: "remove", path: path, value: nil)
    }

    /// Replaces the whole `customFields` array.
    public static func replaceCustomFields(_ fields: [CWCustomField]) -> CWPatchOperation {
        let encoded = fields.map { field -> JSONValue in
            var object: [String: JSONValue] = ["id": .integer(field.id), "value": field.value ?? .null]
            if let caption = field.caption { object["caption"] = .string(caption) }
            if let type = field.type { object["type"] = .string(type) }
            if let entryMethod = field.entryMethod { object["entryMethod"] = .string(entryMethod) }
            if let decimals = field.numberOfDecimals { object["numberOfDecimals"] = .integer(decimals) }
            return .object(object)
        }
        return replace("customFields", with: .array(encoded))
    }

    enum CodingKeys: String, CodingKey {
        case op, path, value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(op, forKey: .op)
        try container.encode(path, forKey: .path)
        if let value { try container.encode(value, forKey: .value) }
    }
}
