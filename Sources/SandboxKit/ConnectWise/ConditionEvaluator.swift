import Foundation

/// Evaluates parsed ``ConditionExpression``s against stored records.
///
/// Comparisons follow a SQL-like reading (inferred): strings compare case-insensitively,
/// `like` takes `%` as the only wildcard, a missing member is `null`, dates compare as instants,
/// and a path that crosses an array (e.g. `types/name` on a company) matches when any member
/// matches; the negated operators (`!=`, `not like`, `not in`, `not contains`) match when no
/// member matches the positive form.
enum ConditionEvaluator {
    static func matches(_ expression: ConditionExpression, _ record: JSONValue) -> Bool {
        switch expression {
        case .and(let left, let right): return matches(left, record) && matches(right, record)
        case .or(let left, let right): return matches(left, record) || matches(right, record)
        case .not(let inner): return !matches(inner, record)
        case .comparison(let path, let op, let literal):
            let values = record.values(atPath: path[...])
            switch op {
            case .notEqual: return !values.contains { test($0, .equal, literal) }
            case .notLike: return !values.contains { test($0, .like, literal) }
            case .notIn: return !values.contains { test($0, .in, literal) }
            case .notContains: return !values.contains { test($0, .contains, literal) }
            default: return values.contains { test($0, op, literal) }
            }
        }
    }

    private static func test(_ value: JSONValue, _ op: ConditionOperator, _ literal: ConditionLiteral) -> Bool {
        switch op {
        case .equal: return compare(value, literal) == .orderedSame
        case .less: return !value.isNull && compare(value, literal) == .orderedAscending
        case .lessOrEqual: return !value.isNull && [.orderedAscending, .orderedSame].contains(compare(value, literal))
        case .greater: return !value.isNull && compare(value, literal) == .orderedDescending
        case .greaterOrEqual: return !value.isNull && [.orderedDescending, .orderedSame].contains(compare(value, literal))
        case .contains:
            guard case .string(let needle) = literal, let text = text(of: value) else { return false }
            return needle.isEmpty || text.range(of: needle, options: [.caseInsensitive]) != nil
        case .like:
            guard case .string(let pattern) = literal, let text = text(of: value) else { return false }
            return like(text, pattern)
        case .in:
            guard case .list(let items) = literal else { return false }
            return items.contains { compare(value, $0) == .orderedSame }
        case .notEqual, .notLike, .notIn, .notContains:
            return false
        }
    }

    /// The text of a scalar value (numbers and booleans as written).
    private static func text(of value: JSONValue) -> String? {
        switch value {
        case .string(let string): return string
        case .int(let int): return String(int)
        case .double(let double): return String(double)
        case .bool(let bool): return bool ? "true" : "false"
        default: return nil
        }
    }

    /// Orders a stored value against a literal; nil when they cannot be compared.
    static func compare(_ value: JSONValue, _ literal: ConditionLiteral) -> ComparisonResult? {
        switch literal {
        case .null:
            return value.isNull ? .orderedSame : .orderedDescending
        case .number(let number):
            if let double = value.doubleValue ?? value.stringValue.flatMap(Double.init) {
                return double < number ? .orderedAscending : (double > number ? .orderedDescending : .orderedSame)
            }
            if case .bool(let bool) = value { return (bool ? 1.0 : 0.0) == number ? .orderedSame : .orderedAscending }
            return nil
        case .bool(let expected):
            guard case .bool(let bool) = value else { return value.isNull ? nil : nil }
            return bool == expected ? .orderedSame : (bool ? .orderedDescending : .orderedAscending)
        case .string(let string):
            guard let text = text(of: value) else { return nil }
            return text.compare(string, options: [.caseInsensitive])
        case .date(let date):
            guard let text = value.stringValue, let stored = ISODate.parse(text) else { return nil }
            return stored < date ? .orderedAscending : (stored > date ? .orderedDescending : .orderedSame)
        case .list:
            return nil
        }
    }

    /// `%` matches any run of characters; matching is case-insensitive.
    static func like(_ text: String, _ pattern: String) -> Bool {
        let parts = pattern.lowercased().components(separatedBy: "%")
        var remaining = Substring(text.lowercased())
        guard let first = parts.first else { return true }
        if parts.count == 1 { return remaining == Substring(first) }
        guard remaining.hasPrefix(first) else { return false }
        remaining = remaining.dropFirst(first.count)
        for (offset, part) in parts.dropFirst().enumerated() {
            let isLast = offset == parts.count - 2
            if isLast {
                return part.isEmpty || remaining.hasSuffix(part)
            }
            if part.isEmpty { continue }
            guard let range = remaining.range(of: part) else { return false }
            remaining = remaining[range.upperBound...]
        }
        return true
    }
}
