/// The remote API a request belongs to; it decides how error bodies are read.
public enum APIService: String, Sendable, Hashable, CustomStringConvertible {
    case acronis = "Acronis"
    case connectWise = "ConnectWise"
    case autotask = "Autotask"

    public var description: String { rawValue }
}
