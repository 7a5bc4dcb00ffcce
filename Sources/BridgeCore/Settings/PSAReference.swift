import BridgeValues

/// A PSA object (board, queue, status, product, ...) named in settings by its numeric id or by
/// its name/identifier, as the operator prefers. The PSA adapter looks names up.
public enum PSAReference: Sendable, Hashable, CustomStringConvertible {
    case id(Int)
    case name(String)

    /// From a settings value: an integer is an id, a string a name.
    public init?(json: JSONValue) {
        switch json {
        case .string(let name): self = .name(name)
        default:
            guard let id = json.intValue else { return nil }
            self = .id(id)
        }
    }

    public var jsonValue: JSONValue {
        switch self {
        case .id(let id): .integer(id)
        case .name(let name): .string(name)
        }
    }

    /// `#123` or `"Name"`.
    public var description: String {
        switch self {
        case .id(let id): "#\(id)"
        case .name(let name): "\"\(name)\""
        }
    }
}
