import Foundation

/// Entity routes: get by id, query (POST body or GET `search=`), paging through `query/next`,
/// counts, create/update through the entity or its parent URL, delete, and `entityInformation`.
extension AutotaskAPI {
    /// Largest page (`MaxRecords` above it is capped to it: "default/maximum 500", inferred as a cap).
    static let maxRecords = 500

    static func addEntityRoutes(to routes: inout RouteTable<HandlerContext>) {
        let base = root + "/{entity}"
        routes.add("GET", base + "/entityInformation") { context in
            let entity = try known(context.parameter("entity"))
            return .json(["info": entity.information])
        }
        routes.add("GET", base + "/entityInformation/fields") { context in
            let entity = try known(context.parameter("entity"))
            let picklists = await context.state.withStore { $0.autotask.picklists[entity.name] ?? [:] }
            let fields = entity.fields.filter { $0.dataType != "udf" }.map { $0.json(picklist: picklists[$0.name]) }
            return .json(["fields": .array(fields)])
        }
        routes.add("GET", base + "/entityInformation/userDefinedFields") { context in
            let entity = try known(context.parameter("entity"))
            let definitions = await context.state.withStore { udfDefinitions(entity, $0.autotask) }
            return .json(["fields": .array(definitions.map(udfFieldInformation))])
        }
        routes.add("GET", base + "/query") { context in
            guard let search = context.request.query["search"] else {
                throw AutotaskErrors.error("A GET query needs a 'search' parameter holding the query JSON")
            }
            return try await query(context, body: try JSONValue.parse(search), search: search)
        }
        routes.add("POST", base + "/query") { context in
            try await query(context, body: try context.request.jsonBody(), search: nil)
        }
        routes.add("POST", base + "/query/next") { context in
            try await query(context, body: try context.request.jsonBody(), search: nil)
        }
        routes.add("GET", base + "/query/next") { context in
            // A POST query's next page must be POSTed again with its body; only GET queries page by GET.
            guard let search = context.request.query["search"] else {
                throw AutotaskErrors.error("The requested resource does not support http method 'GET'.", status: 405)
            }
            return try await query(context, body: try JSONValue.parse(search), search: search)
        }
        routes.add("GET", base + "/query/count") { context in
            guard let search = context.request.query["search"] else {
                throw AutotaskErrors.error("A GET count needs a 'search' parameter holding the query JSON")
            }
            return try await count(context, body: try JSONValue.parse(search))
        }
        routes.add("POST", base + "/query/count") { context in
            try await count(context, body: try context.request.jsonBody())
        }
        routes.add("GET", base + "/{id}") { try await getById($0) }
        routes.add("POST", base) { try await write($0, method: "POST", parentID: nil) }
        routes.add("PATCH", base) { try await write($0, method: "PATCH", parentID: nil) }
        routes.add("PUT", base) { try await write($0, method: "PUT", parentID: nil) }
        routes.add("DELETE", base + "/{id}") { context in
            let entity = try known(context.parameter("entity"))
            throw AutotaskErrors.error("The \(entity.name) entity cannot be deleted.", status: 405)
        }
        // Children: /{Parent}/{parentId}/{Child}
        routes.add("GET", base + "/{parentId}/{child}") { try await listChildren($0) }
        routes.add("GET", base + "/{parentId}/{child}/{id}") { try await getChild($0) }
        routes.add("POST", base + "/{parentId}/{child}") { try await writeChild($0, method: "POST") }
        routes.add("PATCH", base + "/{parentId}/{child}") { try await writeChild($0, method: "PATCH") }
        routes.add("PUT", base + "/{parentId}/{child}") { try await writeChild($0, method: "PUT") }
        routes.add("DELETE", base + "/{parentId}/{child}/{id}") { context in
            let (_, child) = try childRoute(context)
            throw AutotaskErrors.error("The \(child.name) entity cannot be deleted.", status: 405)
        }
    }

    // MARK: Lookup

    static func known(_ name: String) throws -> AutotaskEntity {
        guard let entity = entity(name) else {
            throw AutotaskErrors.error("No entity named '\(name)' exists.", status: 404)
        }
        return entity
    }

    static func childEntity(of parent: AutotaskEntity, named child: String) -> AutotaskEntity? {
        entities.first { $0.parent?.entity == parent.name && $0.parent?.child.lowercased() == child.lowercased() }
    }

    static func childRoute(_ context: HandlerContext) throws -> (parent: AutotaskEntity, child: AutotaskEntity) {
        let parent = try known(context.parameter("entity"))
        guard let child = childEntity(of: parent, named: context.parameter("child")) else {
            throw AutotaskErrors.error("No child entity '\(context.parameter("child"))' exists under \(parent.name).", status: 404)
        }
        return (parent, child)
    }

    static func integer(_ text: String, _ what: String) throws -> Int {
        guard let value = Int(text) else { throw AutotaskErrors.error("'\(text)' is not a valid \(what)", status: 404) }
        return value
    }

    // MARK: Read

    static func getById(_ context: HandlerContext) async throws -> SandboxResponse {
        let entity = try known(context.parameter("entity"))
        let id = try integer(context.parameter("id"), "id")
        guard entity.canQuery else {
            throw AutotaskErrors.error("The \(entity.name) entity can only be created; it cannot be queried.", status: 405)
        }
        return await context.state.withStore { store in
            let record = records(entity, store.autotask, filters: [.condition(op: .eq, field: "id", value: .int(id), udf: false)]).first
            // A missing id answers 200 with "item": null.
            return .json(["item": record.map { .object(render($0, entity, store.autotask)) } ?? .null])
        }
    }

    static func getChild(_ context: HandlerContext) async throws -> SandboxResponse {
        let (_, child) = try childRoute(context)
        let parentID = try integer(context.parameter("parentId"), "parent id")
        let id = try integer(context.parameter("id"), "id")
        guard child.canQuery else {
            throw AutotaskErrors.error("The \(child.name) entity can only be created; it cannot be queried.", status: 405)
        }
        return await context.state.withStore { store in
            let record = records(
                child, store.autotask,
                filters: [
                    .condition(op: .eq, field: "id", value: .int(id), udf: false),
                    .condition(op: .eq, field: child.parent!.field, value: .int(parentID), udf: false),
                ]
            ).first
            return .json(["item": record.map { .object(render($0, child, store.autotask)) } ?? .null])
        }
    }

    static func listChildren(_ context: HandlerContext) async throws -> SandboxResponse {
        let (parent, child) = try childRoute(context)
        let parentID = try integer(context.parameter("parentId"), "parent id")
        guard child.canQuery else {
            throw AutotaskErrors.error("The \(child.name) entity can only be created; it cannot be queried.", status: 405)
        }
        let filters: [AutotaskFilter] = [.condition(op: .eq, field: child.parent!.field, value: .int(parentID), udf: false)]
        let request = context.request
        return try await context.state.withStore { store in
            guard let parentTable = parent.table, store.autotask[parentTable][parentID] != nil else {
                throw AutotaskErrors.error("No \(parent.name) with id \(parentID) exists.", status: 404)
            }
            let page = try pageOf(
                child, filters: filters, maxRecords: maxRecords, includeFields: nil, paging: request.query["paging"], store: store.autotask)
            let next = page.nextAfter.map {
                "\(request.baseURL)\(request.rawPath)?paging=\(QueryItems.encode(pagingToken(size: maxRecords, previous: page.first, next: $0)))"
            }
            return .json(envelope(page.items, requestCount: maxRecords, next: next, previous: nil))
        }
    }

    /// Reads `filter`, `MaxRecords` and `IncludeFields` (member names case-insensitive).
    static func queryParts(_ body: JSONValue, entity: AutotaskEntity, store: AutotaskStore) throws
        -> (filters: [AutotaskFilter], maxRecords: Int, includeFields: [String]?)
    {
        guard let object = body.objectValue else {
            throw AutotaskErrors.error("The query must be a JSON object with a 'filter' array")
        }
        func member(_ name: String) -> JSONValue? {
            object.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
        guard let filterJSON = member("filter") else {
            throw AutotaskErrors.error("The query has no 'filter' member")
        }
        let udfNames = udfDefinitions(entity, store).compactMap { $0["name"]?.stringValue }
        let filters = try AutotaskFilter.parse(filterJSON, entity: entity, udfNames: udfNames)
        var maxRecords = Self.maxRecords
        if let requested = member("MaxRecords"), !requested.isNull {
            guard let value = requested.intValue, value >= 1 else {
                throw AutotaskErrors.error("MaxRecords must be a whole number from 1 to \(Self.maxRecords)")
            }
            maxRecords = min(value, Self.maxRecords)
        }
        var include: [String]?
        if let fields = member("IncludeFields"), !fields.isNull {
            let names: [String]
            if let array = fields.arrayValue {
                names = array.compactMap(\.stringValue)
            } else if let text = fields.stringValue {
                names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            } else {
                throw AutotaskErrors.error("IncludeFields must be an array of field names")
            }
            include = try names.map { name in
                if let field = entity.field(name) { return field.name }
                if udfNames.contains(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { return name }
                throw AutotaskErrors.error("Unable to find \(name) in the \(entity.name) entity.")
            }
            if include?.isEmpty == true { include = nil }
        }
        return (filters, maxRecords, include)
    }

    static func query(_ context: HandlerContext, body: JSONValue, search: String?) async throws -> SandboxResponse {
        let entity = try known(context.parameter("entity"))
        guard entity.canQuery else {
            throw AutotaskErrors.error("The \(entity.name) entity can only be created; it cannot be queried.", status: 405)
        }
        let request = context.request
        return try await context.state.withStore { store in
            let parts = try queryParts(body, entity: entity, store: store.autotask)
            let page = try pageOf(
                entity, filters: parts.filters, maxRecords: parts.maxRecords, includeFields: parts.includeFields,
                paging: request.query["paging"], store: store.autotask)
            let nextBase = "\(request.baseURL)\(root)/\(entity.name)/query/next?paging="
            let searchSuffix = search.map { "&search=\(QueryItems.encode($0))" } ?? ""
            let next = page.nextAfter.map {
                nextBase + QueryItems.encode(pagingToken(size: parts.maxRecords, previous: page.first, next: $0)) + searchSuffix
            }
            let previous = page.previousBefore.map {
                nextBase + QueryItems.encode(pagingToken(size: parts.maxRecords, previous: $0, next: nil)) + searchSuffix
            }
            return .json(envelope(page.items, requestCount: parts.maxRecords, next: next, previous: previous))
        }
    }

    static func count(_ context: HandlerContext, body: JSONValue) async throws -> SandboxResponse {
        let entity = try known(context.parameter("entity"))
        guard entity.canQuery else {
            throw AutotaskErrors.error("The \(entity.name) entity can only be created; it cannot be queried.", status: 405)
        }
        return try await context.state.withStore { store in
            let parts = try queryParts(body, entity: entity, store: store.autotask)
            return .json(["queryCount": .int(records(entity, store.autotask, filters: parts.filters).count)])
        }
    }

    /// `{"pageSize":N,"previousIds":[first id of this page],"nextIds":[last id of this page]}`:
    /// the next page starts after the last id (ids ascending); a previous-page token has no `nextIds`.
    static func pagingToken(size: Int, previous: Int?, next: Int?) -> String {
        let token: JSONValue = [
            "pageSize": .int(size), "previousIds": .array(previous.map { [.int($0)] } ?? []),
            "nextIds": .array(next.map { [.int($0)] } ?? []),
        ]
        return token.jsonString
    }

    struct Page {
        var items: [JSONObject]
        var first: Int?
        var nextAfter: Int?
        var previousBefore: Int?
    }

    static func pageOf(
        _ entity: AutotaskEntity, filters: [AutotaskFilter], maxRecords: Int, includeFields: [String]?, paging: String?,
        store: AutotaskStore
    ) throws -> Page {
        let all = records(entity, store, filters: filters)
        var matching = all
        var isPreviousRequest = false
        var boundary: Int?
        if let paging {
            guard let token = try? JSONValue.parse(paging), let object = token.objectValue else {
                throw AutotaskErrors.error("The paging parameter is not valid")
            }
            if let next = object["nextIds"]?.arrayValue?.last?.intValue {
                boundary = next
            } else if let previous = object["previousIds"]?.arrayValue?.first?.intValue {
                boundary = previous
                isPreviousRequest = true
            }
        }
        var pageRecords: [JSONObject]
        if let boundary, isPreviousRequest {
            let before = matching.filter { ($0["id"]?.intValue ?? 0) < boundary }
            pageRecords = Array(before.suffix(maxRecords))
        } else {
            if let boundary { matching = matching.filter { ($0["id"]?.intValue ?? 0) > boundary } }
            pageRecords = Array(matching.prefix(maxRecords))
        }
        let first = pageRecords.first?["id"]?.intValue
        let last = pageRecords.last?["id"]?.intValue
        let hasMore = last.map { last in all.contains { ($0["id"]?.intValue ?? 0) > last } } ?? false
        let hasEarlier = first.map { first in all.contains { ($0["id"]?.intValue ?? 0) < first } } ?? false
        let items = pageRecords.map { record -> JSONObject in
            let rendered = render(record, entity, store)
            guard let includeFields else { return rendered }
            var projected: JSONObject = [:]
            for field in includeFields {
                if let value = rendered[field] {
                    projected[field] = value
                } else if let udfs = rendered["userDefinedFields"]?.arrayValue,
                    let udf = udfs.first(where: { $0["name"].stringValue?.caseInsensitiveCompare(field) == .orderedSame })
                {
                    var list = projected["userDefinedFields"]?.arrayValue ?? []
                    list.append(udf)
                    projected["userDefinedFields"] = .array(list)
                } else {
                    projected[field] = .null
                }
            }
            return projected
        }
        return Page(items: items, first: first, nextAfter: hasMore ? last : nil, previousBefore: hasEarlier ? first : nil)
    }

    static func envelope(_ items: [JSONObject], requestCount: Int, next: String?, previous: String?) -> JSONValue {
        [
            "items": .array(items.map(JSONValue.object)),
            "pageDetails": [
                "count": .int(items.count), "requestCount": .int(requestCount), "prevPageUrl": .string(previous),
                "nextPageUrl": .string(next),
            ],
        ]
    }

    /// The records of an entity passing the filters, ids ascending.
    static func records(_ entity: AutotaskEntity, _ store: AutotaskStore, filters: [AutotaskFilter]) -> [JSONObject] {
        let source: [JSONObject]
        if let table = entity.table {
            var candidates: [Int]?
            for (field, value) in AutotaskFilter.equalities(filters) {
                if field == "id", let id = value.intValue {
                    candidates = store[table][id] != nil ? [id] : []
                    break
                }
                if let keys = store[table].keys(where: field, equals: value) {
                    candidates = keys
                    break
                }
            }
            source = (candidates ?? store[table].order).compactMap { store[table][$0] }
        } else {
            source = contractServiceUnits(store, filters: filters)
        }
        return source.filter { record in filters.allSatisfy { $0.matches(record, entity: entity) } }
            .sorted { ($0["id"]?.intValue ?? 0) < ($1["id"]?.intValue ?? 0) }
    }

    // MARK: UDFs

    static func udfDefinitions(_ entity: AutotaskEntity, _ store: AutotaskStore) -> [JSONObject] {
        guard let type = entity.udfType else { return [] }
        return store[.UserDefinedFieldDefinitions].all.filter { $0["udfType"]?.intValue == type && $0["isActive"]?.boolValue != false }
    }

    static func udfFieldInformation(_ definition: JSONObject) -> JSONValue {
        let listValues = definition["picklistValues"]?.arrayValue
        return [
            "name": definition["name"] ?? "", "dataType": "string", "length": 8000, "isRequired": definition["isRequired"] ?? false,
            "isReadOnly": false, "isQueryable": true, "isReference": false, "referenceEntityType": "",
            "isPickList": .bool(listValues != nil), "picklistValues": listValues.map(JSONValue.array) ?? .null,
            "picklistParentValueField": "", "isSupportedWebhookField": false,
        ]
    }

    /// A record as returned: every defined UDF listed (null when unset).
    static func render(_ record: JSONObject, _ entity: AutotaskEntity, _ store: AutotaskStore) -> JSONObject {
        guard entity.udfType != nil else { return record }
        var record = record
        let stored = record["userDefinedFields"]?.arrayValue ?? []
        record["userDefinedFields"] = .array(
            udfDefinitions(entity, store).map { definition in
                let name = definition["name"]?.stringValue ?? ""
                let value = stored.first { $0["name"].stringValue?.caseInsensitiveCompare(name) == .orderedSame }?["value"] ?? .null
                return ["name": .string(name), "value": value]
            })
        return record
    }
}
