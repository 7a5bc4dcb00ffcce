import Foundation

/// The quantity one pay-as-you-go line should hold (B1, B2).
public struct LineQuantity: Sendable, Hashable {
    /// The addition (ConnectWise) or contract service (Autotask) id.
    public var lineID: Int
    /// The agreement or contract the line belongs to.
    public var contractID: Int
    /// The quantity the line should hold, in the PSA's precision (``UsageConversion``).
    public var quantity: Decimal

    /// A `LineQuantity` from its parts.
    public init(lineID: Int, contractID: Int, quantity: Decimal) {
        self.lineID = lineID
        self.contractID = contractID
        self.quantity = quantity
    }
}
