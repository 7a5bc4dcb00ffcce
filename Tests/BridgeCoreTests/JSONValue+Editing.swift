import BridgeValues

@testable import BridgeCore

extension JSONValue {
    /// A copy with the value at `pointer` replaced (or removed when `value` is nil). Test helper
    /// for making broken messages out of good ones.
    func replacing(_ pointer: JSONPointer, with value: JSONValue?) -> JSONValue {
        guard let head = pointer.tokens.first else { return value ?? .null }
        let rest = JSONPointer(Array(pointer.tokens.dropFirst()))
        switch self {
        case .object(var members):
            if rest.isRoot {
                members[head] = value
            } else if let child = members[head] {
                members[head] = child.replacing(rest, with: value)
            }
            return .object(members)
        case .array(var elements):
            guard let index = Int(head), elements.indices.contains(index) else { return self }
            if rest.isRoot {
                if let value { elements[index] = value } else { elements.remove(at: index) }
            } else {
                elements[index] = elements[index].replacing(rest, with: value)
            }
            return .array(elements)
        default:
            return self
        }
    }
}
