import BridgeRules
import Foundation

/// The contract writes the provisioner makes besides quotas: a product put on a contract or taken
/// off it, for two-way sync (SPEC B7, Autotask) and public cloud storage vendors (B3, both PSAs).
/// Every write re-reads first, so a write whose outcome was lost is never made twice: an add
/// finds the line already there, a removal finds it already off.
public protocol ContractServiceSync: Sendable {
    /// Puts `productID` on `contractID` holding `units` from `now` on, unless an active line of it
    /// already holds them; returns the line's id.
    /// - Autotask: the contract service (created at the service's price when missing), its units
    ///   brought to `units` with an adjustment of the difference.
    /// - ConnectWise: an agreement addition with `quantity` `units`, effective `now`.
    func addContractService(productID: Int, contractID: Int, units: Int, now: Date) async throws -> Int

    /// Takes `line` off from `now` on; nil when it was already off (nothing written), else the id
    /// of what was written.
    /// - Autotask (contract services cannot be deleted): units to 0 with an adjustment of minus
    ///   the units the service holds now.
    /// - ConnectWise: the addition cancelled (`cancelledDate`).
    func removeContractService(_ line: ContractLine, now: Date) async throws -> String?
}
