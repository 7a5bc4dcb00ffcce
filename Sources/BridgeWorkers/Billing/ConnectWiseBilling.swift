import APIClients
import BridgeRules
import BridgeValues
import Foundation

/// ``BillingPSA`` on ConnectWise: an agreement addition's `quantity` (Total Quantity) is set
/// absolutely (B1), with 2 decimal places for storage GB (B6). Setting the same value again
/// changes nothing, so a repeated write is harmless (B8).
public struct ConnectWiseBilling: BillingPSA {
    public let client: ConnectWiseClient

    public init(client: ConnectWiseClient) {
        self.client = client
    }

    public var kind: PSAKind { .connectWise }

    public func currentQuantity(of line: BillingLine, now: Date) async throws -> Decimal {
        let addition = try await client.addition(agreementID: line.contractID, id: line.lineID)
        return Decimal(string: String(addition.quantity ?? 0)) ?? 0
    }

    public func write(_ line: BillingLine, current: Decimal, now: Date) async throws -> String {
        let quantity = NSDecimalNumber(decimal: line.target).doubleValue
        let written = try await client.setAdditionQuantity(agreementID: line.contractID, additionID: line.lineID, quantity: quantity)
        return String(written.id)
    }
}
