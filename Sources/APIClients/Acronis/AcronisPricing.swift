import Foundation

/// A tenant's pricing settings (`GET/PUT /api/2/tenants/{id}/pricing`).
public struct AcronisPricing: Sendable, Hashable, Codable {
    /// Pricing mode.
    public struct Mode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public static let trial = Mode(rawValue: "trial")
        /// Irreversible: a tenant switched to production cannot go back to trial.
        public static let production = Mode(rawValue: "production")

        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
        public var description: String { rawValue }
    }

    public var mode: Mode
    public var currency: String?
    /// Kept as the server sent it (it is often a naive timestamp) so a PUT sends it back unchanged.
    public var productionStartDate: String?
    public var version: Int64

    public init(mode: Mode, currency: String? = nil, productionStartDate: String? = nil, version: Int64) {
        self.mode = mode
        self.currency = currency
        self.productionStartDate = productionStartDate
        self.version = version
    }

    enum CodingKeys: String, CodingKey {
        case mode, currency, version
        case productionStartDate = "production_start_date"
    }
}
