/// Which PSA a deployment talks to: the one name for it in settings, messages, the rules and
/// the state store.
///
/// The raw value (`connectwise`, `autotask`) is what settings files, message JSON and stored rows
/// carry. The rules differ per PSA in a few places only: quantities (B1, B6), combined prepaid
/// and pay-as-you-go lines (P2, B2) and ticket text limits (T1, T4).
public enum PSAKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// ConnectWise Manage: agreements and agreement additions.
    case connectWise = "connectwise"
    /// Autotask PSA: recurring-service contracts and contract services.
    case autotask

    /// Maximum length of the ticket field that carries the alert key (T4): ConnectWise
    /// `externalXRef` is 100 characters, Autotask `externalID` 50 (reference/psa-apis.md).
    public var externalReferenceLimit: Int {
        switch self {
        case .connectWise: 100
        case .autotask: 50
        }
    }

    /// "ConnectWise Manage" or "Autotask".
    public var displayName: String {
        switch self {
        case .connectWise: "ConnectWise Manage"
        case .autotask: "Autotask"
        }
    }
}
