import Foundation

/// The list parameters of a ConnectWise GET: `conditions`, `childConditions`,
/// `customFieldConditions`, `orderBy`, `fields`, `page`/`pageSize` and forward-only `pageId`.
struct ConnectWiseQuery: Sendable {
    var conditions: ConditionExpression?
    var childConditions: ConditionExpression?
    var customFieldConditions: ConditionExpression?
    var orderBy: [(path: [String], descending: Bool)] = []
    var fields: [[String]]?
    var page = 1
    var pageSize = 25
    var forwardOnly = false
    var pageId: Int?

    /// Default and largest page size (ConnectWise caps larger values at 1,000).
    static let defaultPageSize = 25
    static let maxPageSize = 1000

    /// Reads the parameters from query items (GET) or from a search body (POST …/search).
    static func parse(
        _ items: QueryItems, forwardOnly: Bool, resource: ConnectWiseResource, store: ConnectWiseStore
    ) throws(SandboxError) -> ConnectWiseQuery {
        var query = ConnectWiseQuery()
        query.forwardOnly = forwardOnly
        func expression(_ parameter: String) throws(SandboxError) -> ConditionExpression? {
            guard let text = items[parameter], !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            do {
                return try ConditionParser.parse(text)
            } catch {
                throw ConnectWiseErrors.invalidConditions(resource: resource.name, parameter: parameter, message: error.description)
            }
        }
        query.conditions = try expression("conditions").map { $0.mapPaths { infoAlias($0, resource) } }
        query.childConditions = try expression("childConditions")
        query.customFieldConditions = try expression("customFieldConditions")
        for (parameter, parsed) in [("conditions", query.conditions), ("childConditions", query.childConditions)] {
            for path in parsed?.paths ?? [] where !resource.knows(path[0], in: store) && !ConnectWiseQuery.stored(path[0], in: store[resource.table]) {
                throw ConnectWiseErrors.invalidConditions(
                    resource: resource.name, parameter: parameter,
                    message: "Unknown field '\(path.joined(separator: "/"))' for \(resource.name)")
            }
        }
        if let orderBy = items["orderBy"], !orderBy.trimmingCharacters(in: .whitespaces).isEmpty {
            if forwardOnly {
                throw ConnectWiseErrors.badRequest("orderBy is not supported with forward-only pagination")
            }
            for part in orderBy.split(separator: ",") {
                let words = part.split(separator: " ", omittingEmptySubsequences: true)
                guard (1...2).contains(words.count) else {
                    throw ConnectWiseErrors.badRequest("orderBy must be '<field> asc|desc', got '\(part)'")
                }
                let direction = words.count == 2 ? words[1].lowercased() : "asc"
                guard direction == "asc" || direction == "desc" else {
                    throw ConnectWiseErrors.badRequest("orderBy direction must be asc or desc, got '\(words[1])'")
                }
                let path = infoAlias(words[0].split(separator: "/").map(String.init), resource)
                guard resource.knows(path[0], in: store) else {
                    throw ConnectWiseErrors.badRequest("orderBy names unknown field '\(words[0])' for \(resource.name)")
                }
                query.orderBy.append((path, direction == "desc"))
            }
        }
        if let fields = items["fields"], !fields.trimmingCharacters(in: .whitespaces).isEmpty {
            query.fields = fields.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).split(separator: "/").map(String.init) }
                .filter { !$0.isEmpty }
        }
        if let pageSize = items["pageSize"] {
            guard let size = Int(pageSize), size >= 1 else {
                throw ConnectWiseErrors.badRequest("pageSize must be a positive integer, got '\(pageSize)'")
            }
            query.pageSize = min(size, maxPageSize)
        }
        if !forwardOnly, let page = items["page"] {
            guard let number = Int(page), number >= 1 else {
                throw ConnectWiseErrors.badRequest("page must be an integer of 1 or more, got '\(page)'")
            }
            query.page = number
        }
        if forwardOnly, let pageId = items["pageId"] {
            guard let id = Int(pageId) else {
                throw ConnectWiseErrors.badRequest("pageId must be an integer, got '\(pageId)'")
            }
            query.pageId = id
        }
        return query
    }

    /// `lastUpdated`, `dateEntered`, `enteredBy` and `updatedBy` name the members of `_info` on
    /// resources that have no top-level member of that name (as in `lastUpdated > [2024-05-01T00:00:00Z]`).
    static func infoAlias(_ path: [String], _ resource: ConnectWiseResource) -> [String] {
        let aliases = ["lastupdated": "lastUpdated", "dateentered": "dateEntered", "enteredby": "enteredBy", "updatedby": "updatedBy"]
        guard path.count == 1, let member = aliases[path[0].lowercased()], !resource.fields.contains(path[0]) else { return path }
        return ["_info", member]
    }

    private static func stored(_ field: String, in table: RecordTable<Int>) -> Bool {
        table.records.values.contains { $0[field] != nil }
    }

    /// The ids of the records that pass every filter, in the requested order.
    func select(_ table: RecordTable<Int>, parent: (path: String, id: Int)?) -> [JSONObject] {
        var candidates: [Int]?
        func narrow(_ keys: [Int]) {
            if let current = candidates {
                let allowed = Set(keys)
                candidates = current.filter { allowed.contains($0) }
            } else {
                candidates = keys
            }
        }
        if let parent {
            narrow(table.keys(where: parent.path, equals: .int(parent.id)) ?? table.order.filter {
                JSONValue.object(table[$0]!).value(atPath: parent.path.split(separator: "/").map(String.init)[...]).intValue == parent.id
            })
        }
        for (path, value) in conditions?.conjunctiveEqualities ?? [] {
            if let keys = table.keys(where: path, equals: value) { narrow(keys) }
        }
        var records = (candidates ?? table.order).compactMap { table[$0] }.filter { record in
            let value = JSONValue.object(record)
            if let conditions, !ConditionEvaluator.matches(conditions, value) { return false }
            if let childConditions, !ConditionEvaluator.matches(childConditions, value) { return false }
            if let customFieldConditions {
                let fields = record["customFields"]?.arrayValue ?? []
                if !fields.contains(where: { ConditionEvaluator.matches(customFieldConditions, $0) }) { return false }
            }
            return true
        }
        if orderBy.isEmpty {
            records.sort { ($0["id"]?.intValue ?? 0) < ($1["id"]?.intValue ?? 0) }
        } else {
            records.sort { left, right in
                for (path, descending) in orderBy {
                    let order = Self.order(JSONValue.object(left).value(atPath: path[...]), JSONValue.object(right).value(atPath: path[...]))
                    if order != .orderedSame { return descending ? order == .orderedDescending : order == .orderedAscending }
                }
                return (left["id"]?.intValue ?? 0) < (right["id"]?.intValue ?? 0)
            }
        }
        return records
    }

    /// Orders two stored values: null first, numbers numerically, strings case-insensitively.
    static func order(_ left: JSONValue, _ right: JSONValue) -> ComparisonResult {
        switch (left, right) {
        case (.null, .null): return .orderedSame
        case (.null, _): return .orderedAscending
        case (_, .null): return .orderedDescending
        default: break
        }
        if let l = left.doubleValue, let r = right.doubleValue {
            return l < r ? .orderedAscending : (l > r ? .orderedDescending : .orderedSame)
        }
        if case .bool(let l) = left, case .bool(let r) = right {
            return l == r ? .orderedSame : (l ? .orderedDescending : .orderedAscending)
        }
        let l = left.stringValue ?? left.jsonString
        let r = right.stringValue ?? right.jsonString
        return l.compare(r, options: [.caseInsensitive])
    }

    /// A record cut down to the `fields` list (nested paths keep their parents).
    static func project(_ record: JSONObject, fields: [[String]]) -> JSONObject {
        var result: JSONObject = [:]
        for path in fields {
            guard let first = path.first, let value = record[first] else { continue }
            if path.count == 1 {
                result[first] = value
            } else if let nested = value.objectValue {
                let inner = project(nested, fields: [Array(path.dropFirst())])
                var merged = result[first]?.objectValue ?? [:]
                merged.merge(inner) { _, new in new }
                result[first] = .object(merged)
            } else if let array = value.arrayValue {
                // `types/name` on an array keeps that member of every element.
                let existing = result[first]?.arrayValue ?? []
                result[first] = .array(array.enumerated().map { index, element in
                    guard let object = element.objectValue else { return element }
                    var merged = index < existing.count ? (existing[index].objectValue ?? [:]) : [:]
                    merged.merge(project(object, fields: [Array(path.dropFirst())])) { _, new in new }
                    return .object(merged)
                })
            }
        }
        return result
    }
}

extension ConnectWiseErrors {
    /// 400 for a `conditions`-style parameter that cannot be parsed or names an unknown field.
    static func invalidConditions(resource: String, parameter: String, message: String) -> SandboxError {
        SandboxError(
            status: 400,
            body: body(
                code: "InvalidObject", message: "The \(parameter) parameter is invalid: \(message)",
                errors: [
                    [
                        "code": "InvalidConditions", "message": .string(message), "resource": .string(resource),
                        "field": .string(parameter),
                    ]
                ]))
    }
}
