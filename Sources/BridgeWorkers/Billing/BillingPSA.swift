import BridgeRules
import BridgeValues
import Foundation

/// The PSA writes of billing (B1, B6, B8): re-read what a line holds now, and bring it to a
/// quantity. One protocol, a ConnectWise implementation (``ConnectWiseBilling``: the addition's
/// `quantity`, absolute) and an Autotask one (``AutotaskBilling``: contract service adjustments of
/// the difference). The lines themselves are read through ``ProvisioningPSA/lines(companyIDs:marker:)``,
/// the same read the provisioner plans quotas from.
public protocol BillingPSA: Sendable {
    /// Which PSA this is.
    var kind: PSAKind { get }
    /// The quantity `line` holds now, read afresh (Autotask: the units of the period containing `now`).
    func currentQuantity(of line: BillingLine, now: Date) async throws -> Decimal
    /// Writes `line.target` given that the line holds `current`; returns the PSA's id of the
    /// write (ConnectWise: the addition; Autotask: the adjustment).
    func write(_ line: BillingLine, current: Decimal, now: Date) async throws -> String
}
