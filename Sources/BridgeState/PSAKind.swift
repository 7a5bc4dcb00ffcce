/// The PSA a row belongs to. Stored as its raw value.
public enum PSAKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// ConnectWise Manage.
    case connectWise = "connectwise"
    /// Autotask PSA.
    case autotask
}
