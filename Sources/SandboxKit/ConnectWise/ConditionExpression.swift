import Foundation

/// A parsed ConnectWise `conditions` expression.
indirect enum ConditionExpression: Sendable, Equatable {
    case and(ConditionExpression, ConditionExpression)
    case or(ConditionExpression, ConditionExpression)
    case not(ConditionExpression)
    case comparison(path: [String], op: ConditionOperator, value: ConditionLiteral)
}

/// Comparison operators of the conditions grammar.
enum ConditionOperator: String, Sendable, Equatable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case contains = "contains"
    case notContains = "not contains"
    case like = "like"
    case notLike = "not like"
    case `in` = "in"
    case notIn = "not in"
}

/// A literal on the right of a comparison.
enum ConditionLiteral: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case date(Date)
    case list([ConditionLiteral])
}

extension ConditionExpression {
    /// Top-level `and`-ed `path = literal` comparisons (for index lookups).
    var conjunctiveEqualities: [(path: String, value: JSONValue)] {
        switch self {
        case .and(let left, let right):
            return left.conjunctiveEqualities + right.conjunctiveEqualities
        case .comparison(let path, .equal, let literal):
            switch literal {
            case .number(let number) where number.rounded() == number: return [(path.joined(separator: "/"), .int(Int(number)))]
            case .string(let string): return [(path.joined(separator: "/"), .string(string))]
            default: return []
            }
        default:
            return []
        }
    }

    /// The expression with every path passed through `transform`.
    func mapPaths(_ transform: ([String]) -> [String]) -> ConditionExpression {
        switch self {
        case .and(let left, let right): return .and(left.mapPaths(transform), right.mapPaths(transform))
        case .or(let left, let right): return .or(left.mapPaths(transform), right.mapPaths(transform))
        case .not(let inner): return .not(inner.mapPaths(transform))
        case .comparison(let path, let op, let value): return .comparison(path: transform(path), op: op, value: value)
        }
    }

    /// Every field path the expression names.
    var paths: [[String]] {
        switch self {
        case .and(let left, let right), .or(let left, let right): return left.paths + right.paths
        case .not(let inner): return inner.paths
        case .comparison(let path, _, _): return [path]
        }
    }
}
