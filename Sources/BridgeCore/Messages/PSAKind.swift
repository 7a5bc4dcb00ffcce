/// Which PSA a deployment talks to.
public enum PSAKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// ConnectWise Manage.
    case connectwise
    /// Autotask PSA.
    case autotask

    /// Maximum length of the ticket field that carries the alert key (T4): ConnectWise
    /// `externalXRef` is 100 characters, Autotask `externalID` 50 (reference/psa-apis.md).
    public var externalReferenceLimit: Int {
        switch self {
        case .connectwise: 100
        case .autotask: 50
        }
    }

    /// "ConnectWise Manage" or "Autotask".
    public var displayName: String {
        switch self {
        case .connectwise: "ConnectWise Manage"
        case .autotask: "Autotask"
        }
    }
}
