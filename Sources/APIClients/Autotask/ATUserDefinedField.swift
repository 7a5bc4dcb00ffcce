import BridgeValues
import Foundation

/// A user-defined field value: `{"name": "...", "value": "..."}` on read and write.
public struct ATUserDefinedField: Sendable, Hashable, Codable {
    public var name: String
    /// The value as text (Autotask sends UDF values as strings; numbers are read as text too).
    public var value: String?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }

    enum CodingKeys: String, CodingKey {
        case name, value
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        switch try container.decodeIfPresent(JSONValue.self, forKey: .value) {
        case .string(let text)?: value = text
        case .integer(let number)?: value = String(number)
        case .number(let number)?: value = Int(exactly: number).map(String.init) ?? String(number)
        case .bool(let flag)?: value = flag ? "true" : "false"
        default: value = nil
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(value, forKey: .value)
    }
}

extension Array where Element == ATUserDefinedField {
    /// The value of the field with this name (case-insensitive), if any.
    public func value(named name: String) -> String? {
        first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
