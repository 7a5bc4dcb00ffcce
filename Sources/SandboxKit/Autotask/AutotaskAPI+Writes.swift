import Foundation

/// Creates and updates: `POST`/`PATCH`/`PUT` on the entity URL (the id in the body for updates)
/// or on the parent URL for child entities; answers `{"itemId": N}`.
extension AutotaskAPI {
    static func write(_ context: HandlerContext, method: String, parentID: Int?) async throws -> SandboxResponse {
        let entity = try known(context.parameter("entity"))
        if let parent = entity.parent, !(method == "POST" && entity.rootCreate) {
            throw AutotaskErrors.error(
                "\(entity.name) are created and updated through /\(parent.entity)/{id}/\(parent.child), not through /\(entity.name).",
                status: 405)
        }
        return try await perform(context, entity: entity, method: method, parentField: nil)
    }

    static func writeChild(_ context: HandlerContext, method: String) async throws -> SandboxResponse {
        let (parent, child) = try childRoute(context)
        let parentID = try integer(context.parameter("parentId"), "parent id")
        let exists = await context.state.withStore { store in parent.table.map { store.autotask[$0][parentID] != nil } ?? false }
        guard exists else { throw AutotaskErrors.error("No \(parent.name) with id \(parentID) exists.", status: 404) }
        return try await perform(context, entity: child, method: method, parentField: (child.parent!.field, parentID))
    }

    private static func perform(_ context: HandlerContext, entity: AutotaskEntity, method: String, parentField: (String, Int)?)
        async throws -> SandboxResponse
    {
        switch method {
        case "POST":
            guard entity.canCreate, entity.table != nil else {
                throw AutotaskErrors.error("The \(entity.name) entity cannot be created.", status: 405)
            }
        default:
            guard entity.canUpdate, entity.table != nil else {
                throw AutotaskErrors.error("The \(entity.name) entity cannot be updated.", status: 405)
            }
        }
        guard var body = try context.request.jsonBody().objectValue else {
            throw AutotaskErrors.error("The request body must be a JSON object")
        }
        if let (field, parentID) = parentField {
            let key = body.keys.first { $0.caseInsensitiveCompare(field) == .orderedSame } ?? field
            if let given = body[key], !given.isNull, given.intValue != parentID {
                throw AutotaskErrors.error("\(field) \(given.jsonString) does not match the parent id \(parentID) in the URL")
            }
            body[key] = nil
            body[field] = .int(parentID)
        }
        let now = Date()
        let document = body
        return try await context.state.withStore { store in
            let id = try apply(document, entity: entity, method: method, store: &store.autotask, now: now)
            return .json(["itemId": .int(id)])
        }
    }

    /// Validates and stores one write; returns the id.
    static func apply(_ body: JSONObject, entity: AutotaskEntity, method: String, store: inout AutotaskStore, now: Date) throws -> Int {
        let table = entity.table!
        var incoming: JSONObject = [:]
        for (key, value) in body {
            if key.caseInsensitiveCompare("userDefinedFields") == .orderedSame {
                incoming["userDefinedFields"] = value
                continue
            }
            guard let field = entity.field(key) else {
                throw AutotaskErrors.error("Unable to find \(key) in the \(entity.name) entity.")
            }
            incoming[field.name] = value
        }
        let old: JSONObject?
        var record: JSONObject
        if method == "POST" {
            old = nil
            record = [:]
        } else {
            guard let id = incoming["id"]?.intValue else {
                throw AutotaskErrors.error("The id of the \(entity.name) to update is required in the body.")
            }
            guard let existing = store[table][id] else {
                throw AutotaskErrors.error("No matching records found. The \(entity.name) with id \(id) does not exist.")
            }
            old = existing
            record = existing
        }
        for field in entity.fields where field.dataType != "udf" && field.name != "id" {
            let provided = incoming.keys.contains(field.name)
            if field.isReadOnly { continue }
            if old != nil, let updatable = entity.updatable, !updatable.contains(field.name) { continue }
            if provided {
                let value = incoming[field.name]!
                try checkType(value, field, entity)
                record[field.name] = value
            } else if method == "PUT" {
                record[field.name] = .null
            } else if method == "POST" {
                record[field.name] = record[field.name] ?? .null
            }
        }
        try mergeUDFs(incoming["userDefinedFields"], into: &record, entity: entity, store: store, replace: method == "PUT")
        try entity.onWrite?(&record, old, &store, now)
        for field in entity.fields where field.isRequired && !field.isReadOnly && (record[field.name]?.isNull ?? true) {
            throw AutotaskErrors.error("\(field.name) is required.; on record number [0].")
        }
        try checkPicklists(record, entity: entity, store: store)
        if let old, let id = old["id"]?.intValue {
            record["id"] = .int(id)
            store[table].upsert(id, record)
            return id
        }
        return store.insert(table, record)
    }

    private static func checkType(_ value: JSONValue, _ field: AutotaskField, _ entity: AutotaskEntity) throws {
        if value.isNull { return }
        let valid: Bool
        switch field.dataType {
        case "integer", "long", "short", "byte": valid = value.intValue != nil
        case "decimal", "double": valid = value.doubleValue != nil
        case "boolean": valid = value.boolValue != nil
        case "datetime": valid = value.stringValue.flatMap(ISODate.parse) != nil
        default:
            valid = value.stringValue != nil
            if valid, let text = value.stringValue, field.length > 0, text.count > field.length {
                throw AutotaskErrors.error("\(field.name) may be at most \(field.length) characters.")
            }
        }
        guard valid else {
            throw AutotaskErrors.error("The value \(value.jsonString) is not valid for \(field.name) (\(field.dataType)) of the \(entity.name) entity.")
        }
    }

    private static func mergeUDFs(_ incoming: JSONValue?, into record: inout JSONObject, entity: AutotaskEntity, store: AutotaskStore, replace: Bool)
        throws
    {
        guard let incoming, !incoming.isNull else {
            if replace { record["userDefinedFields"] = .array([]) }
            return
        }
        guard entity.udfType != nil else {
            throw AutotaskErrors.error("The \(entity.name) entity has no user-defined fields.")
        }
        guard let list = incoming.arrayValue else {
            throw AutotaskErrors.error("userDefinedFields must be an array of {\"name\", \"value\"}")
        }
        let definitions = udfDefinitions(entity, store)
        var current = replace ? [] : (record["userDefinedFields"]?.arrayValue ?? [])
        for item in list {
            guard let name = item["name"].stringValue else {
                throw AutotaskErrors.error("Each user-defined field needs a 'name'")
            }
            guard let definition = definitions.first(where: { $0["name"]?.stringValue?.caseInsensitiveCompare(name) == .orderedSame }) else {
                throw AutotaskErrors.error("Unable to find the user-defined field \(name) on the \(entity.name) entity.")
            }
            let canonical = definition["name"]!.stringValue!
            var value = item["value"]
            if case .int(let number) = value { value = .string(String(number)) }
            if case .bool(let flag) = value { value = .string(flag ? "True" : "False") }
            if let options = definition["picklistValues"]?.arrayValue, let text = value.stringValue,
                !options.contains(where: { $0["value"].stringValue == text || $0["label"].stringValue?.caseInsensitiveCompare(text) == .orderedSame })
            {
                throw AutotaskErrors.error("Value '\(text)' is not a valid choice for the user-defined field \(canonical).")
            }
            current.removeAll { $0["name"].stringValue?.caseInsensitiveCompare(canonical) == .orderedSame }
            current.append(["name": .string(canonical), "value": value])
        }
        record["userDefinedFields"] = .array(current)
    }

    private static func checkPicklists(_ record: JSONObject, entity: AutotaskEntity, store: AutotaskStore) throws {
        guard let lists = store.picklists[entity.name] else { return }
        for field in entity.fields where field.isPickList {
            guard let value = record[field.name], !value.isNull, let options = lists[field.name], !options.isEmpty else { continue }
            let text = value.intValue.map(String.init) ?? value.stringValue ?? value.jsonString
            guard let option = options.first(where: { ($0["value"]?.stringValue ?? $0["value"]?.intValue.map(String.init)) == text }) else {
                throw AutotaskErrors.error("Value \(text) is not a valid picklist value for \(field.name) of the \(entity.name) entity.")
            }
            if !field.picklistParentValueField.isEmpty, let parentValue = option["parentValue"]?.stringValue, !parentValue.isEmpty {
                let actual = record[field.picklistParentValueField]?.intValue.map(String.init) ?? ""
                if actual != parentValue {
                    throw AutotaskErrors.error(
                        "Value \(text) of \(field.name) belongs to \(field.picklistParentValueField) \(parentValue), not \(actual.isEmpty ? "null" : actual).")
                }
            }
        }
    }
}
