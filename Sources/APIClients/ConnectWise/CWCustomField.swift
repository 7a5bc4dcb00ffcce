import BridgeValues
import Foundation

/// A custom field value (`customFields[]`). Written back as the whole array
/// (PATCH `customFields`), since partial element updates are unreliable.
public struct CWCustomField: Sendable, Hashable, Codable {
    public var id: Int
    public var caption: String?
    /// `Text`, `Number`, `Checkbox`, `Date`, ...
    public var type: String?
    /// `EntryField`, `List`, `Option`, `Date`.
    public var entryMethod: String?
    public var numberOfDecimals: Int?
    public var value: JSONValue?

    public init(
        id: Int, caption: String? = nil, type: String? = nil, entryMethod: String? = nil,
        numberOfDecimals: Int? = nil, value: JSONValue?
    ) {
        self.id = id
        self.caption = caption
        self.type = type
        self.entryMethod = entryMethod
        self.numberOfDecimals = numberOfDecimals
        self.value = value
    }

    /// The value read as a checkbox: `true`, or a string `"true"`/`"yes"`.
    public var boolValue: Bool? {
        switch value {
        case .bool(let flag)?: return flag
        case .string(let text)?:
            switch text.lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0", "": return false
            default: return nil
            }
        default: return nil
        }
    }
}

extension Array where Element == CWCustomField {
    /// The field with this caption (case-insensitive), if any.
    public func field(captioned caption: String) -> CWCustomField? {
        first { $0.caption?.caseInsensitiveCompare(caption) == .orderedSame }
    }
}
