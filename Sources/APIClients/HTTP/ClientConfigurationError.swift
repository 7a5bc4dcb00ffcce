/// A client could not be set up from its configuration (unreadable CA bundle, empty credential,
/// malformed base URL). Nothing was sent.
public struct ClientConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the setting.
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "client configuration error: \(message)" }
}
