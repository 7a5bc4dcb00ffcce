/// A secret (private key, API secret, client secret, admin password) that must never be printed:
/// one type for the settings that read it and the clients that send it.
///
/// Its `description`, `debugDescription` and reflection are redacted, so string interpolation,
/// `print`, `dump` and logging show `<redacted>`. The value is reachable only through
/// ``reveal()``, for the one place that sends it.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    /// Wraps a credential.
    public init(_ value: String) {
        self.value = value
    }

    /// The credential itself. Use it only to authenticate; never log or store what it returns.
    public func reveal() -> String {
        value
    }

    /// True when the credential is the empty string (a configuration error worth reporting).
    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "Secret(<redacted>)" }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}
