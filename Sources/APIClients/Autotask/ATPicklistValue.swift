import BridgeValues

/// One value of a picklist field. Values come as strings (`"5"`); ``intValue`` reads them as numbers.
public struct ATPicklistValue: Sendable, Hashable, Decodable {
    public var value: String
    public var label: String?
    public var isDefaultValue: Bool?
    public var sortOrder: Int?
    /// For dependent picklists (sub-issue type → issue type), the parent's value.
    public var parentValue: String?
    public var isActive: Bool?
    public var isSystem: Bool?

    /// The value as an integer, when it is one.
    public var intValue: Int? { Int(value) }

    enum CodingKeys: String, CodingKey {
        case value, label, isDefaultValue, sortOrder, parentValue, isActive, isSystem
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try Self.text(container, .value) ?? {
            throw DecodingError.keyNotFound(
                CodingKeys.value, .init(codingPath: container.codingPath, debugDescription: "picklist value without value"))
        }()
        label = try container.decodeIfPresent(String.self, forKey: .label)
        isDefaultValue = try container.decodeIfPresent(Bool.self, forKey: .isDefaultValue)
        sortOrder = try container.decodeIfPresent(Int.self, forKey: .sortOrder)
        parentValue = try Self.text(container, .parentValue)
        isActive = try container.decodeIfPresent(Bool.self, forKey: .isActive)
        isSystem = try container.decodeIfPresent(Bool.self, forKey: .isSystem)
    }

    /// A string, or a number read as text.
    private static func text(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> String? {
        switch try container.decodeIfPresent(JSONValue.self, forKey: key) {
        case .string(let text)?: return text.isEmpty ? nil : text
        case .integer(let number)?: return String(number)
        case .number(let number)?: return Int(exactly: number).map(String.init) ?? String(number)
        default: return nil
        }
    }
}
