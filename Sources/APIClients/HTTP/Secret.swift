/// A credential (private key, API secret, client secret) that must never be printed.
///
/// Its `description`, `debugDescription` and reflection are redacted, so string interpolation,
/// `print`, `dump` and logging show `<redacted>`. The value is reachable only through
/// ``reveal()``, which the API clients call when they build an authentication header.
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

/// ``Secret`` under a name that does not collide with `BridgeCore.Secret` in files importing both.
public typealias APISecret = Secret
