import Foundation

/// The quantity one pay-as-you-go line should hold (B1, B2).
public struct LineQuantity: Sendable, Hashable {
    public var lineID: Int
    public var contractID: Int
    public var quantity: Decimal

    public init(lineID: Int, contractID: Int, quantity: Decimal) {
        self.lineID = lineID
        self.contractID = contractID
        self.quantity = quantity
    }
}
