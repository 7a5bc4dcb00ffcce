extension JSONValue {
    /// The values at a `/`-separated path such as `company/id`; arrays met on the way are
    /// crossed member by member (so `types/name` yields every type's name). A missing member
    /// yields `.null`.
    func values(atPath path: ArraySlice<String>) -> [JSONValue] {
        guard let first = path.first else { return [self] }
        switch self {
        case .object(let object):
            let member = object[first] ?? object.first(where: { $0.key.caseInsensitiveCompare(first) == .orderedSame })?.value ?? .null
            return member.values(atPath: path.dropFirst())
        case .array(let array):
            return array.flatMap { $0.values(atPath: path) }
        default:
            return [.null]
        }
    }

    /// The single value at a path (the first when arrays are crossed), `.null` when missing.
    func value(atPath path: ArraySlice<String>) -> JSONValue {
        values(atPath: path).first ?? .null
    }

    /// The key used in record indexes: integers as integers, strings lower-cased.
    var indexKey: JSONValue {
        switch self {
        case .string(let string): return .string(string.lowercased())
        case .double(let double) where double.rounded() == double: return .int(Int(double))
        default: return self
        }
    }
}
