/// One operation of a ConnectWise PATCH body: `{"op": "replace", "path": "status", "value": {"id": 5}}`.
///
/// ConnectWise paths are bare member names (`summary`, or `status/id` for a member of a
/// reference), not JSON-Pointer paths: a leading `/` is refused with a 400 so a client that
/// sends `/summary` finds out here (the real server's reaction to it is not documented).
struct JSONPatch: Sendable, Equatable {
    enum Operation: String, Sendable {
        case add, replace, remove
    }

    var operation: Operation
    var path: [String]
    var value: JSONValue

    /// Parses the body: an array of operations.
    static func parse(_ body: JSONValue) throws -> [JSONPatch] {
        guard let array = body.arrayValue else {
            throw ConnectWiseErrors.badRequest(
                "A PATCH body must be an array of operations like [{\"op\":\"replace\",\"path\":\"summary\",\"value\":\"…\"}]")
        }
        guard !array.isEmpty else { throw ConnectWiseErrors.badRequest("A PATCH body must contain at least one operation") }
        return try array.enumerated().map { index, element in
            guard let object = element.objectValue else {
                throw ConnectWiseErrors.badRequest("PATCH operation \(index) must be an object")
            }
            guard let name = object["op"]?.stringValue, let operation = Operation(rawValue: name.lowercased()) else {
                throw ConnectWiseErrors.badRequest("PATCH operation \(index): op must be add, replace or remove")
            }
            guard let path = object["path"]?.stringValue, !path.isEmpty else {
                throw ConnectWiseErrors.badRequest("PATCH operation \(index): path is required")
            }
            guard !path.hasPrefix("/") else {
                throw ConnectWiseErrors.badRequest(
                    "PATCH operation \(index): path '\(path)' must be a field name such as '\(path.dropFirst())', without a leading '/'")
            }
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard !parts.contains(where: \.isEmpty) else {
                throw ConnectWiseErrors.badRequest("PATCH operation \(index): path '\(path)' is not a valid field path")
            }
            if operation != .remove, object["value"] == nil {
                throw ConnectWiseErrors.badRequest("PATCH operation \(index): value is required for \(name)")
            }
            return JSONPatch(operation: operation, path: parts, value: object["value"] ?? .null)
        }
    }

    /// Applies the operation to a record. A path into an array member (e.g. `customFields/0/value`)
    /// is refused: arrays such as `customFields` are written whole, as practitioners report.
    func apply(to record: inout JSONObject) throws {
        var current = JSONValue.object(record)
        for (depth, part) in path.dropLast().enumerated() {
            current = current[part]
            if current.arrayValue != nil {
                let member = path.prefix(depth + 1).joined(separator: "/")
                throw ConnectWiseErrors.badRequest("'\(member)' is an array: replace it whole (path '\(member)') instead of patching its elements")
            }
        }
        Self.set(&record, path[...], operation == .remove ? nil : value)
    }

    private static func set(_ object: inout JSONObject, _ path: ArraySlice<String>, _ value: JSONValue?) {
        let key = object.keys.first { $0.caseInsensitiveCompare(path.first!) == .orderedSame } ?? path.first!
        if path.count == 1 {
            object[key] = value
            return
        }
        var nested = object[key]?.objectValue ?? [:]
        set(&nested, path.dropFirst(), value)
        object[key] = .object(nested)
    }
}
