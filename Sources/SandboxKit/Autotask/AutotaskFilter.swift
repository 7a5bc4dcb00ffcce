import Foundation

/// One Autotask query filter: a condition or an `and`/`or` group of filters.
indirect enum AutotaskFilter: Sendable, Equatable {
    enum Operator: String, Sendable, CaseIterable {
        case eq, noteq, gt, gte, lt, lte, beginsWith, endsWith, contains, exist, notExist, `in`, notIn
    }

    case condition(op: Operator, field: String, value: JSONValue, udf: Bool)
    case group(isOr: Bool, [AutotaskFilter])

    /// Parses the `filter` array of a query body (top-level filters are `and`-ed), checking
    /// operators, field names (queryable fields of `entity`, or its UDFs with `"udf": true`),
    /// values, the one-UDF-per-query rule and the limit of 500 `or` conditions.
    static func parse(_ json: JSONValue, entity: AutotaskEntity, udfNames: [String]) throws -> [AutotaskFilter] {
        guard let array = json.arrayValue else {
            throw AutotaskErrors.error("The 'filter' member must be an array of conditions")
        }
        guard !array.isEmpty else {
            throw AutotaskErrors.error("A query needs at least one filter condition, e.g. {\"op\":\"gte\",\"field\":\"id\",\"value\":0}")
        }
        var udfFields = Set<String>()
        let filters = try array.map { try parseOne($0, entity: entity, udfNames: udfNames, udfFields: &udfFields) }
        if udfFields.count > 1 {
            throw AutotaskErrors.error("Only one user-defined field can be queried per request; this query names \(udfFields.sorted().joined(separator: ", "))")
        }
        let orConditions = filters.reduce(0) { $0 + $1.orConditionCount(inOr: false) }
        if orConditions > 500 {
            throw AutotaskErrors.error("Invalid query syntax. Queries are limited to 500 or fewer 'OR' conditions.")
        }
        return filters
    }

    private static func parseOne(_ json: JSONValue, entity: AutotaskEntity, udfNames: [String], udfFields: inout Set<String>) throws
        -> AutotaskFilter
    {
        guard let object = json.objectValue else { throw AutotaskErrors.error("Each filter must be an object with op, field and value") }
        func member(_ name: String) -> JSONValue? {
            object.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
        guard let opText = member("op")?.stringValue else { throw AutotaskErrors.error("A filter is missing 'op'") }
        if opText.lowercased() == "and" || opText.lowercased() == "or" {
            guard let items = member("items")?.arrayValue, !items.isEmpty else {
                throw AutotaskErrors.error("An '\(opText)' group needs a non-empty 'items' array")
            }
            return .group(
                isOr: opText.lowercased() == "or",
                try items.map { try parseOne($0, entity: entity, udfNames: udfNames, udfFields: &udfFields) })
        }
        guard let op = Operator.allCases.first(where: { $0.rawValue.lowercased() == opText.lowercased() }) else {
            throw AutotaskErrors.error("Unknown filter operator '\(opText)'")
        }
        guard let fieldName = member("field")?.stringValue, !fieldName.isEmpty else {
            throw AutotaskErrors.error("A '\(opText)' filter is missing 'field'")
        }
        let isUDF = member("udf")?.boolValue ?? false
        var canonical = fieldName
        if isUDF {
            guard let name = udfNames.first(where: { $0.caseInsensitiveCompare(fieldName) == .orderedSame }) else {
                throw AutotaskErrors.error("Unable to find the user-defined field \(fieldName) on the \(entity.name) entity.")
            }
            canonical = name
            udfFields.insert(name)
        } else {
            guard let field = entity.field(fieldName) else {
                throw AutotaskErrors.error("Unable to find \(fieldName) in the \(entity.name) entity.")
            }
            guard field.isQueryable else {
                throw AutotaskErrors.error("The field \(field.name) of the \(entity.name) entity cannot be queried.")
            }
            canonical = field.name
        }
        let value = member("value") ?? .null
        switch op {
        case .exist, .notExist:
            break
        case .in, .notIn:
            guard let list = value.arrayValue, !list.isEmpty else {
                throw AutotaskErrors.error("The '\(op.rawValue)' operator on \(canonical) needs a non-empty array value")
            }
        default:
            if member("value") == nil {
                throw AutotaskErrors.error("The '\(op.rawValue)' filter on \(canonical) is missing 'value'")
            }
            if !isUDF, entity.field(canonical)?.dataType == "boolean", value.boolValue == nil {
                throw AutotaskErrors.error("The value for boolean field \(canonical) must be true or false")
            }
        }
        return .condition(op: op, field: canonical, value: value, udf: isUDF)
    }

    private func orConditionCount(inOr: Bool) -> Int {
        switch self {
        case .condition(let op, _, let value, _):
            let width = (op == .in || op == .notIn) ? (value.arrayValue?.count ?? 1) : 1
            return inOr ? width : (op == .in || op == .notIn ? width : 0)
        case .group(let isOr, let items):
            return items.reduce(0) { $0 + $1.orConditionCount(inOr: isOr || inOr) }
        }
    }

    /// Top-level `eq` filters on a field (for index lookups).
    static func equalities(_ filters: [AutotaskFilter]) -> [(field: String, value: JSONValue)] {
        filters.compactMap {
            if case .condition(.eq, let field, let value, false) = $0 { return (field, value) }
            return nil
        }
    }

    /// Top-level `in` filters on a field (for index lookups), with their values.
    static func memberships(_ filters: [AutotaskFilter]) -> [(field: String, values: [JSONValue])] {
        filters.compactMap {
            if case .condition(.in, let field, let value, false) = $0 { return (field, value.arrayValue ?? []) }
            return nil
        }
    }

    /// Whether a record passes the filter.
    func matches(_ record: JSONObject, entity: AutotaskEntity) -> Bool {
        switch self {
        case .group(let isOr, let items):
            return isOr ? items.contains { $0.matches(record, entity: entity) } : items.allSatisfy { $0.matches(record, entity: entity) }
        case .condition(let op, let field, let literal, let udf):
            let stored: JSONValue
            if udf {
                stored = (record["userDefinedFields"]?.arrayValue ?? []).first {
                    $0["name"].stringValue?.caseInsensitiveCompare(field) == .orderedSame
                }?["value"] ?? .null
            } else {
                stored = record[field] ?? .null
            }
            let dataType = udf ? "string" : (entity.field(field)?.dataType ?? "string")
            switch op {
            case .exist: return !stored.isNull && stored.stringValue != ""
            case .notExist: return stored.isNull || stored.stringValue == ""
            case .eq: return Self.compare(stored, literal, dataType) == .orderedSame
            case .noteq: return Self.compare(stored, literal, dataType) != .orderedSame
            case .gt: return Self.compare(stored, literal, dataType) == .orderedDescending
            case .gte: return [.orderedDescending, .orderedSame].contains(Self.compare(stored, literal, dataType))
            case .lt: return Self.compare(stored, literal, dataType) == .orderedAscending
            case .lte: return [.orderedAscending, .orderedSame].contains(Self.compare(stored, literal, dataType))
            case .beginsWith, .endsWith, .contains:
                guard let text = Self.text(stored), let needle = Self.text(literal) else { return false }
                let haystack = text.lowercased()
                let target = needle.lowercased()
                switch op {
                case .beginsWith: return haystack.hasPrefix(target)
                case .endsWith: return haystack.hasSuffix(target)
                default: return haystack.contains(target)
                }
            case .in: return (literal.arrayValue ?? []).contains { Self.compare(stored, $0, dataType) == .orderedSame }
            case .notIn: return !(literal.arrayValue ?? []).contains { Self.compare(stored, $0, dataType) == .orderedSame }
            }
        }
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let string): return string
        case .int(let int): return String(int)
        case .double(let double): return String(double)
        case .bool(let bool): return bool ? "true" : "false"
        default: return nil
        }
    }

    /// Compares a stored value with a filter value by the field's data type: numbers
    /// numerically (numeric strings too), datetimes as instants, strings case-insensitively
    /// (inferred from the database's usual collation).
    static func compare(_ stored: JSONValue, _ literal: JSONValue, _ dataType: String) -> ComparisonResult? {
        if stored.isNull || literal.isNull { return stored.isNull && literal.isNull ? .orderedSame : nil }
        switch dataType {
        case "integer", "long", "decimal", "double", "short", "byte":
            guard let left = stored.doubleValue ?? stored.stringValue.flatMap(Double.init),
                let right = literal.doubleValue ?? literal.stringValue.flatMap(Double.init)
            else { return nil }
            return left < right ? .orderedAscending : (left > right ? .orderedDescending : .orderedSame)
        case "boolean":
            guard let left = stored.boolValue ?? stored.intValue.map({ $0 != 0 }), let right = literal.boolValue else { return nil }
            return left == right ? .orderedSame : (left ? .orderedDescending : .orderedAscending)
        case "datetime":
            guard let left = stored.stringValue.flatMap(ISODate.parse), let right = literal.stringValue.flatMap(ISODate.parse) else {
                return nil
            }
            return left < right ? .orderedAscending : (left > right ? .orderedDescending : .orderedSame)
        default:
            guard let left = text(stored), let right = text(literal) else { return nil }
            return left.compare(right, options: [.caseInsensitive])
        }
    }
}
