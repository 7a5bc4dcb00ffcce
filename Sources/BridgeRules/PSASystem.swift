/// The PSA on the other side of the bridge, as far as the rules care.
///
/// The rules differ per PSA in a few places only: quantities (B1, B6), combined prepaid and
/// pay-as-you-go lines (P2, B2) and ticket text limits (T1).
public enum PSASystem: String, Sendable, Hashable, CaseIterable {
    /// ConnectWise Manage (PSA): agreements and agreement additions.
    case connectWise = "connectwise"
    /// Autotask PSA: recurring-service contracts and contract services.
    case autotask
}
