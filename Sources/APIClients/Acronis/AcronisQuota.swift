/// An offering item's quota. `value` is the soft quota, `overage` the extra allowed above it
/// (hard limit = value + overage); `nil` means unlimited. Bytes quotas are in bytes (1 GB = 1024³).
public struct AcronisQuota: Sendable, Hashable, Codable {
    public var value: Double?
    public var overage: Double?
    /// Current quota version from GET (0 when the item had none); a PUT must send it.
    public var version: Int64

    public init(value: Double?, overage: Double?, version: Int64) {
        self.value = value
        self.overage = overage
        self.version = version
    }

    /// Unlimited (`value: null, overage: null`).
    public static func unlimited(version: Int64) -> AcronisQuota {
        AcronisQuota(value: nil, overage: nil, version: version)
    }

    /// A prepaid hard cap at `value` (`overage: 0`).
    public static func hardLimit(_ value: Double, version: Int64) -> AcronisQuota {
        AcronisQuota(value: value, overage: 0, version: version)
    }

    public var isUnlimited: Bool { value == nil }

    enum CodingKeys: String, CodingKey {
        case value, overage, version
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decodeIfPresent(Double.self, forKey: .value)
        overage = try container.decodeIfPresent(Double.self, forKey: .overage)
        version = try container.decodeIfPresent(Int64.self, forKey: .version) ?? 0
    }

    /// `value` and `overage` are always written, as `null` when unlimited: leaving them out
    /// would not mean "unlimited".
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(overage, forKey: .overage)
        try container.encode(version, forKey: .version)
    }
}
