/// A ConnectWise `conditions` (or `childConditions`, `customFieldConditions`) expression built
/// from typed parts, never from pasted strings: values are quoted and escaped, dates bracketed,
/// field paths checked, and/or groups parenthesised.
public struct CWCondition: Sendable, Hashable, CustomStringConvertible {
    indirect enum Node: Sendable, Hashable {
        case comparison(field: CWField, op: String, value: Operand)
        case and([Node])
        case or([Node])
    }

    enum Operand: Sendable, Hashable {
        case single(CWValue)
        case list([CWValue])
    }

    let node: Node

    init(node: Node) {
        self.node = node
    }

    /// All of the conditions (`a and b and c`).
    public static func all(_ conditions: [CWCondition]) -> CWCondition {
        conditions.count == 1 ? conditions[0] : CWCondition(node: .and(conditions.map(\.node)))
    }

    /// Any of the conditions (`a or b or c`).
    public static func any(_ conditions: [CWCondition]) -> CWCondition {
        conditions.count == 1 ? conditions[0] : CWCondition(node: .or(conditions.map(\.node)))
    }

    public static func && (lhs: CWCondition, rhs: CWCondition) -> CWCondition {
        if case .and(let left) = lhs.node { return CWCondition(node: .and(left + [rhs.node])) }
        return CWCondition(node: .and([lhs.node, rhs.node]))
    }

    public static func || (lhs: CWCondition, rhs: CWCondition) -> CWCondition {
        if case .or(let left) = lhs.node { return CWCondition(node: .or(left + [rhs.node])) }
        return CWCondition(node: .or([lhs.node, rhs.node]))
    }

    /// The expression text, e.g. `company/id = 250 and (name = "A \"B\"" or id in (1,2))`.
    /// - Throws: ``CWConditionError`` for a field path that is not an identifier path, an empty
    ///   `in` list or an empty group.
    public func rendered() throws(CWConditionError) -> String {
        try Self.render(node, nested: false)
    }

    /// The rendered text, or a marker naming the problem when it cannot be rendered.
    public var description: String {
        do { return try rendered() } catch { return "<invalid condition: \(error.reason)>" }
    }

    private static func render(_ node: Node, nested: Bool) throws(CWConditionError) -> String {
        switch node {
        case .comparison(let field, let op, let operand):
            guard field.isValid else { throw CWConditionError(reason: "'\(field.path)' is not a field path") }
            switch operand {
            case .single(let value):
                return "\(field.path) \(op) \(value.literal)"
            case .list(let values):
                guard !values.isEmpty else {
                    throw CWConditionError(reason: "'\(field.path) \(op)' needs at least one value")
                }
                return "\(field.path) \(op) (" + values.map(\.literal).joined(separator: ",") + ")"
            }
        case .and(let parts), .or(let parts):
            guard !parts.isEmpty else { throw CWConditionError(reason: "an and/or group is empty") }
            let joiner: String
            if case .and = node { joiner = " and " } else { joiner = " or " }
            var rendered: [String] = []
            for part in parts { rendered.append(try render(part, nested: true)) }
            let text = rendered.joined(separator: joiner)
            return nested && parts.count > 1 ? "(\(text))" : text
        }
    }
}
