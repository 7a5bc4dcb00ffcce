import APIClients
import BridgeRules
import BridgeValues
import Foundation

/// ``BillingPSA`` on Autotask: a contract service's units change only through contract service
/// adjustments (B1), each the difference between the target and the units the service holds in
/// the period containing now, read just before the write (B8: the re-read decides, not memory).
/// Units are whole (B6). An adjustment cannot be read back, so a lost response is found by the
/// re-read: units that already equal the target mean the adjustment was made.
public struct AutotaskBilling: BillingPSA {
    public let client: AutotaskClient

    public init(client: AutotaskClient) {
        self.client = client
    }

    public var kind: PSAKind { .autotask }

    public func currentQuantity(of line: BillingLine, now: Date) async throws -> Decimal {
        try await units(contractServiceID: line.lineID, now: now)
    }

    /// The units a contract service holds in the period containing `now` (0 without a unit row).
    public func units(contractServiceID: Int, now: Date) async throws -> Decimal {
        let units = try await client.contractServiceUnits(
            ATField("contractServiceID") == contractServiceID && ATField("startDate") <= now && ATField("endDate") >= now)
        return Decimal(units.map(\.units).max() ?? 0)
    }

    public func write(_ line: BillingLine, current: Decimal, now: Date) async throws -> String {
        guard case .adjustUnits(let change) = try QuantityWrite.decide(psa: .autotask, target: line.target, current: current)
        else { return "unchanged" }
        return try await adjust(contractID: line.contractID, serviceID: line.productID, contractServiceID: line.lineID, by: change, now: now)
    }

    /// Makes one contract service adjustment of `change` units from `now` on; returns its id.
    /// Never resent (``AutotaskClient/createContractServiceAdjustment(_:)``).
    public func adjust(contractID: Int, serviceID: Int, contractServiceID: Int, by change: Int, now: Date) async throws -> String {
        let id = try await client.createContractServiceAdjustment(
            ATContractServiceAdjustment(
                contractID: contractID, serviceID: serviceID, contractServiceID: contractServiceID, effectiveDate: now,
                unitChange: change))
        return String(id)
    }
}
