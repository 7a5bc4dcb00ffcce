/// The three simulated APIs.
public enum SandboxAPI: String, Sendable, Codable, CaseIterable, Hashable {
    case acronis
    case connectWise = "connectwise"
    case autotask
}
