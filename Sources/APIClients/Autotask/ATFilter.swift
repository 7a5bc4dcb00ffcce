import BridgeValues

/// An Autotask query filter: a condition `{"op","field","value","udf"}` or a nested and/or group
/// `{"op": "and"|"or", "items": [...]}`.
public indirect enum ATFilter: Sendable, Hashable, Encodable {
    case condition(op: String, field: String, value: JSONValue?, udf: Bool)
    case and([ATFilter])
    case or([ATFilter])

    public static func && (lhs: ATFilter, rhs: ATFilter) -> ATFilter {
        if case .and(let left) = lhs { return .and(left + [rhs]) }
        return .and([lhs, rhs])
    }

    public static func || (lhs: ATFilter, rhs: ATFilter) -> ATFilter {
        if case .or(let left) = lhs { return .or(left + [rhs]) }
        return .or([lhs, rhs])
    }

    /// "All rows": `id >= 0`, since Autotask requires a non-empty filter.
    public static let all: ATFilter = ATField("id") >= 0

    /// The top-level `filter` array (its members are ANDed).
    var topLevel: [ATFilter] {
        if case .and(let items) = self { return items }
        return [self]
    }

    /// Problems Autotask would refuse: empty groups, more than one UDF, more than 500 ORs.
    func problems() -> [String] {
        var problems: [String] = []
        var udfs = 0
        var ors = 0
        func walk(_ filter: ATFilter) {
            switch filter {
            case .condition(let op, let field, let value, let udf):
                if field.isEmpty { problems.append("a condition has no field name") }
                if udf { udfs += 1 }
                if value == nil, op != "exist", op != "notExist" { problems.append("'\(op)' on \(field) needs a value") }
                if case .array(let list)? = value, list.isEmpty { problems.append("'\(op)' on \(field) has an empty list") }
            case .and(let items), .or(let items):
                if items.isEmpty { problems.append("an and/or group is empty") }
                if case .or = filter { ors += max(items.count - 1, 0) }
                items.forEach(walk)
            }
        }
        walk(self)
        if udfs > 1 { problems.append("Autotask allows one user-defined field per query, this filter has \(udfs)") }
        if ors > 500 { problems.append("Autotask allows at most 500 OR conditions per query, this filter has \(ors)") }
        return problems
    }

    enum CodingKeys: String, CodingKey {
        case op, field, value, udf, items
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .condition(let op, let field, let value, let udf):
            try container.encode(op, forKey: .op)
            try container.encode(field, forKey: .field)
            if let value { try container.encode(value, forKey: .value) }
            if udf { try container.encode(true, forKey: .udf) }
        case .and(let items):
            try container.encode("and", forKey: .op)
            try container.encode(items, forKey: .items)
        case .or(let items):
            try container.encode("or", forKey: .op)
            try container.encode(items, forKey: .items)
        }
    }
}
