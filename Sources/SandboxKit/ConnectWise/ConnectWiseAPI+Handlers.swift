import Foundation

/// The generic handlers every ConnectWise resource shares: list, count, get, create, replace,
/// update (JSON-patch) and delete.
extension ConnectWiseAPI {
    /// Who the sandbox says made a change (`_info.enteredBy`, `closedBy`).
    static let apiMember = "APIMember"

    static func list(_ resource: ConnectWiseResource, _ context: HandlerContext, parentParameter: String?, items: QueryItems? = nil)
        async throws -> SandboxResponse
    {
        try await checkCodebase(context)
        let request = context.request
        let parentId = try parentParameter.map { try integer(context.parameter($0), resource: resource.name) }
        let forwardOnly = request.header("pagination-type")?.lowercased() == "forward-only"
        let items = items ?? request.query
        return try await context.state.withStore { store in
            if let parentId, let parentTable = parentTable(of: resource), store.connectWise[parentTable][parentId] == nil {
                throw ConnectWiseErrors.notFound(resource: parentTable.rawValue, id: String(parentId))
            }
            let query = try ConnectWiseQuery.parse(items, forwardOnly: forwardOnly, resource: resource, store: store.connectWise)
            var selected = query.select(
                store.connectWise[resource.table], parent: parentId.map { (resource.parentPath!, $0) })
            var links: [String] = []
            let base = request.baseURL + request.rawPath
            if forwardOnly {
                if let pageId = query.pageId { selected = selected.filter { ($0["id"]?.intValue ?? 0) > pageId } }
                let page = Array(selected.prefix(query.pageSize))
                if selected.count > page.count, let last = page.last?["id"]?.intValue {
                    let next = items.removing("page").setting("pageSize", to: String(query.pageSize)).setting("pageId", to: String(last))
                    links.append("<\(base)?\(next.encoded)>; rel=\"next\"")
                }
                return response(page, query: query, links: links)
            }
            let total = selected.count
            let lastPage = max(1, (total + query.pageSize - 1) / query.pageSize)
            let start = (query.page - 1) * query.pageSize
            let page = start < total ? Array(selected[start..<min(total, start + query.pageSize)]) : []
            func link(_ number: Int, _ rel: String) -> String {
                // ConnectWise writes `page` last (`…?pageSize=25&page=2`), and clients such as
                // pyconnectwise read it with a pattern anchored on `page=N>`: keep that order.
                let parameters = items.setting("pageSize", to: String(query.pageSize)).removing("page")
                    .setting("page", to: String(number))
                return "<\(base)?\(parameters.encoded)>; rel=\"\(rel)\""
            }
            if query.page > 1 {
                links.append(link(min(query.page - 1, lastPage), "prev"))
                links.append(link(1, "first"))
            }
            if query.page < lastPage {
                links.append(link(query.page + 1, "next"))
                links.append(link(lastPage, "last"))
            }
            return response(page, query: query, links: links)
        }
    }

    private static func response(_ page: [JSONObject], query: ConnectWiseQuery, links: [String]) -> SandboxResponse {
        let body = page.map { record in JSONValue.object(query.fields.map { ConnectWiseQuery.project(record, fields: $0) } ?? record) }
        return .json(.array(body), headers: links.isEmpty ? [] : [("Link", links.joined(separator: ", "))])
    }

    static func count(_ resource: ConnectWiseResource, _ context: HandlerContext, parentParameter: String?) async throws
        -> SandboxResponse
    {
        try await checkCodebase(context)
        let parentId = try parentParameter.map { try integer(context.parameter($0), resource: resource.name) }
        let items = context.request.query
        return try await context.state.withStore { store in
            let query = try ConnectWiseQuery.parse(items, forwardOnly: false, resource: resource, store: store.connectWise)
            let selected = query.select(store.connectWise[resource.table], parent: parentId.map { (resource.parentPath!, $0) })
            return .json(["count": .int(selected.count)])
        }
    }

    static func get(_ resource: ConnectWiseResource, _ context: HandlerContext, parentParameter: String?) async throws
        -> SandboxResponse
    {
        try await checkCodebase(context)
        let id = try integer(context.parameter("id"), resource: resource.name)
        let parentId = try parentParameter.map { try integer(context.parameter($0), resource: resource.name) }
        let fields = context.request.query["fields"].map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).split(separator: "/").map(String.init) }
        }
        return try await context.state.withStore { store in
            let record = try existing(resource, id: id, parentId: parentId, in: store.connectWise)
            return .json(.object(fields.map { ConnectWiseQuery.project(record, fields: $0) } ?? record))
        }
    }

    static func create(_ resource: ConnectWiseResource, _ context: HandlerContext, parentParameter: String?) async throws
        -> SandboxResponse
    {
        try await checkCodebase(context)
        let parentId = try parentParameter.map { try integer(context.parameter($0), resource: resource.name) }
        guard let body = try context.request.jsonBody().objectValue else {
            throw ConnectWiseErrors.badRequest("The request body must be a JSON object describing the \(resource.name)")
        }
        let now = Date()
        return try await context.state.withStore { store in
            if let parentId, let parentTable = parentTable(of: resource), store.connectWise[parentTable][parentId] == nil {
                throw ConnectWiseErrors.notFound(resource: parentTable.rawValue, id: String(parentId))
            }
            var record = body.filter { !resource.readOnly.contains($0.key) }
            if let parentId, let parentPath = resource.parentPath { setParent(&record, parentPath, parentId) }
            for field in resource.required where record[field] == nil || record[field]!.isNull {
                throw ConnectWiseErrors.invalidObject(resource: resource.name, field: field, message: "\(field) is required")
            }
            try resolveReferences(&record, resource, store.connectWise)
            try resource.onWrite?(&record, nil, &store.connectWise, now)
            let postOnly = record.filter { resource.postOnly.contains($0.key) }
            for key in resource.postOnly { record[key] = nil }
            record["_info"] = [
                "dateEntered": .string(ISODate.seconds(now)), "lastUpdated": .string(ISODate.seconds(now)),
                "enteredBy": .string(apiMember), "updatedBy": .string(apiMember),
            ]
            let stored = store.connectWise.insert(resource.table, record)
            afterCreate(resource, stored, postOnly, &store.connectWise, now)
            return .json(.object(stored), status: 201)
        }
    }

    static func replace(_ resource: ConnectWiseResource, _ context: HandlerContext, parentParameter: String?) async throws
        -> SandboxResponse
    {
        try await checkCodebase(context)
        let id = try integer(context.parameter("id"), resource: resource.name)
        let parentId = try parentParameter.map { try integer(context.parameter($0), resource: resource.name) }
        guard let body = try context.request.jsonBody().objectValue else {
            throw ConnectWiseErrors.badRequest("The request body must be a JSON object describing the \(resource.name)")
        }
        let now = Date()
        return try await context.state.withStore { store in
            let old = try existing(resource, id: id, parentId: parentId, in: store.connectWise)
            var record = body.filter { !resource.readOnly.contains($0.key) && !resource.postOnly.contains($0.key) }
            for key in resource.readOnly { record[key] = old[key] }
            if let parentId, let parentPath = resource.parentPath { setParent(&record, parentPath, parentId) }
            for field in resource.required where record[field] == nil || record[field]!.isNull {
                throw ConnectWiseErrors.invalidObject(resource: resource.name, field: field, message: "\(field) is required")
            }
            return .json(.object(try save(resource, record, old: old, store: &store.connectWise, now: now)))
        }
    }

    static func patch(_ resource: ConnectWiseResource, _ context: HandlerContext, parentParameter: String?) async throws
        -> SandboxResponse
    {
        try await checkCodebase(context)
        let id = try integer(context.parameter("id"), resource: resource.name)
        let parentId = try parentParameter.map { try integer(context.parameter($0), resource: resource.name) }
        let operations = try JSONPatch.parse(context.request.jsonBody())
        let now = Date()
        return try await context.state.withStore { store in
            let old = try existing(resource, id: id, parentId: parentId, in: store.connectWise)
            var record = old
            for operation in operations {
                guard resource.knows(operation.path[0], in: store.connectWise) || old[operation.path[0]] != nil else {
                    throw ConnectWiseErrors.invalidObject(
                        resource: resource.name, field: operation.path.joined(separator: "/"),
                        message: "Cannot patch unknown field '\(operation.path.joined(separator: "/"))'")
                }
                if resource.readOnly.contains(operation.path[0]) || resource.postOnly.contains(operation.path[0]) {
                    throw ConnectWiseErrors.invalidObject(
                        resource: resource.name, field: operation.path[0], message: "\(operation.path[0]) is read-only")
                }
                try operation.apply(to: &record)
            }
            for field in resource.required where record[field] == nil || record[field]!.isNull {
                throw ConnectWiseErrors.invalidObject(resource: resource.name, field: field, message: "\(field) is required")
            }
            return .json(.object(try save(resource, record, old: old, store: &store.connectWise, now: now)))
        }
    }

    static func delete(_ resource: ConnectWiseResource, _ context: HandlerContext, parentParameter: String?) async throws
        -> SandboxResponse
    {
        try await checkCodebase(context)
        let id = try integer(context.parameter("id"), resource: resource.name)
        let parentId = try parentParameter.map { try integer(context.parameter($0), resource: resource.name) }
        return try await context.state.withStore { store in
            _ = try existing(resource, id: id, parentId: parentId, in: store.connectWise)
            store.connectWise[resource.table].remove(id)
            return .empty(204)
        }
    }

    // MARK: Helpers

    private static func save(
        _ resource: ConnectWiseResource, _ record: JSONObject, old: JSONObject, store: inout ConnectWiseStore, now: Date
    ) throws -> JSONObject {
        var record = record
        try resolveReferences(&record, resource, store)
        try resource.onWrite?(&record, old, &store, now)
        var info = old["_info"]?.objectValue ?? [:]
        info["lastUpdated"] = .string(ISODate.seconds(now))
        info["updatedBy"] = .string(apiMember)
        record["_info"] = .object(info)
        record["id"] = old["id"]
        store[resource.table].upsert(old["id"]!.intValue!, record)
        return record
    }

    static func existing(_ resource: ConnectWiseResource, id: Int, parentId: Int?, in store: ConnectWiseStore) throws -> JSONObject {
        guard let record = store[resource.table][id] else {
            throw ConnectWiseErrors.notFound(resource: resource.name, id: String(id))
        }
        if let parentId, let parentPath = resource.parentPath,
            JSONValue.object(record).value(atPath: parentPath.split(separator: "/").map(String.init)[...]).intValue != parentId
        {
            throw ConnectWiseErrors.notFound(resource: resource.name, id: String(id))
        }
        return record
    }

    static func integer(_ text: String, resource: String) throws -> Int {
        guard let value = Int(text) else {
            throw ConnectWiseErrors.badRequest("'\(text)' is not a valid \(resource) id")
        }
        return value
    }

    private static func setParent(_ record: inout JSONObject, _ path: String, _ id: Int) {
        let parts = path.split(separator: "/").map(String.init)
        if parts.count == 1 {
            record[parts[0]] = .int(id)
        } else {
            var nested = record[parts[0]]?.objectValue ?? [:]
            nested[parts[1]] = .int(id)
            record[parts[0]] = .object(nested)
        }
    }

    static func parentTable(of resource: ConnectWiseResource) -> ConnectWiseWorld.Table? {
        switch resource.table {
        case .additions: .agreements
        case .boardStatuses, .boardTypes, .boardSubTypes, .boardItems: .boards
        case .ticketNotes: .tickets
        default: nil
        }
    }

    /// Replaces every reference member (`{"id": 5}` or `{"identifier": "X"}`) by the full
    /// reference of the stored record; an unknown reference is a 400 naming the field.
    static func resolveReferences(_ record: inout JSONObject, _ resource: ConnectWiseResource, _ store: ConnectWiseStore) throws {
        for (field, reference) in resource.references {
            guard let value = record[field], !value.isNull else { continue }
            if field == "types", let array = value.arrayValue {
                record[field] = .array(try array.map { try resolve($0, field: field, reference, resource, store) })
            } else {
                record[field] = try resolve(value, field: field, reference, resource, store)
            }
        }
    }

    private static func resolve(
        _ value: JSONValue, field: String, _ reference: ConnectWiseResource.Reference, _ resource: ConnectWiseResource,
        _ store: ConnectWiseStore
    ) throws -> JSONValue {
        guard let object = value.objectValue else {
            throw ConnectWiseErrors.invalidObject(
                resource: resource.name, field: field, message: "\(field) must be an object such as {\"id\": 1}")
        }
        var target: JSONObject?
        if let id = object["id"]?.intValue {
            target = store[reference.table][id]
        } else if let key = reference.alternateKey, let wanted = object[key]?.stringValue {
            if let keys = store[reference.table].keys(where: key, equals: .string(wanted)) {
                target = keys.first.flatMap { store[reference.table][$0] }
            } else {
                target = store[reference.table].all.first { $0[key]?.stringValue?.lowercased() == wanted.lowercased() }
            }
        } else if let name = object["name"]?.stringValue {
            target = store[reference.table].all.first { $0["name"]?.stringValue?.lowercased() == name.lowercased() }
        }
        guard let target, let id = target["id"] else {
            throw ConnectWiseErrors.invalidObject(
                resource: resource.name, field: field, code: "InvalidReference",
                message: "\(field) \(value.jsonString) does not reference an existing \(reference.table.rawValue) record")
        }
        var resolved: JSONObject = ["id": id]
        for member in reference.members { resolved[member] = target[member] ?? .null }
        resolved["_info"] = ["\(field)_href": .string("/\(reference.table.rawValue)/\(id.intValue ?? 0)")]
        return .object(resolved)
    }
}
