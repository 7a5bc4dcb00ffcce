/// A tenant's `kind`. Open-ended: unknown values from the server are kept as they are.
public struct AcronisTenantKind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let root = AcronisTenantKind(rawValue: "root")
    public static let partner = AcronisTenantKind(rawValue: "partner")
    public static let folder = AcronisTenantKind(rawValue: "folder")
    public static let customer = AcronisTenantKind(rawValue: "customer")
    public static let unit = AcronisTenantKind(rawValue: "unit")

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    public var description: String { rawValue }
}
