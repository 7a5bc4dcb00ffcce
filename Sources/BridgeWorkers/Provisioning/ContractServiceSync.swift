import BridgeCore
import BridgeRules
import Foundation

/// The PSA writes two-way sync makes (SPEC B7): a mapped service added to a contract, a contract
/// service taken to 0 units. Autotask only (``AutotaskProvisioning``); each write looks first
/// for what an earlier attempt whose outcome was lost already did.
public protocol ContractServiceSync: Sendable {
    /// The contract service of `productID` on `contractID`, if the contract has one.
    func contractService(productID: Int, contractID: Int) async throws -> Int?

    /// Adds `productID` to `contractID` at the service's own price; returns the contract service id.
    func addContractService(productID: Int, contractID: Int) async throws -> Int

    /// The units `line` holds in the period containing `now`, read now.
    func units(of line: ContractLine, now: Date) async throws -> Decimal

    /// Changes `line`'s units by `change` from `now` on; returns the adjustment id.
    func adjustUnits(of line: ContractLine, by change: Int, now: Date) async throws -> String

    /// What stands between the settings' two-way sync defaults and the mapped `services`: the
    /// allocation code and period type must exist, and each service must bill to them, since a
    /// contract service takes both from its service.
    func defaultsProblems(
        services: [Int], allocationCode: PSAReference, periodType: String
    ) async throws -> TwoWaySyncDefaultsProblems
}

/// Problems with two-way sync's defaults (B7), each in words for the operator.
public struct TwoWaySyncDefaultsProblems: Sendable, Equatable {
    /// The allocation code is not an active allocation code of the PSA.
    public var allocationCode: String?
    /// The period type is not one the PSA's services have.
    public var periodType: String?
    /// Mapped services that bill to another allocation code or period, by service id.
    public var services: [Int: String] = [:]

    public var isEmpty: Bool { allocationCode == nil && periodType == nil && services.isEmpty }
}
