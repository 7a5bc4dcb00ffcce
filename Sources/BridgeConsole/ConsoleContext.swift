import BridgeState
import Hummingbird

/// The request context of the console: the logged-in session, when there is one.
public struct ConsoleContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The session the request's cookie names, set by ``ConsoleSessionMiddleware``.
    public var session: ConsoleSession?
    /// The SHA-256 of the session cookie's token (for logout).
    public var sessionTokenHash: String?

    public init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Forms are small; nothing the console takes is larger than 64 KiB.
    public var maxUploadSize: Int { 64 * 1024 }

    /// The name of the logged-in operator.
    public var operatorName: String? { session?.operatorName }
}
