/// A failure recorded for one company (P7): on its mapping, for `bridgectl status`, retried on
/// the next tick.
public struct CompanyFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The PSA company the failure belongs to.
    public var companyID: String
    /// The error's description. Errors passed to ``BatchOutcome`` must describe themselves
    /// without secrets (the project's API errors do).
    public var reason: String

    /// A `CompanyFailure` from its parts.
    public init(companyID: String, reason: String) {
        self.companyID = companyID
        self.reason = reason
    }

    public var description: String { "company \(companyID): \(reason)" }
}
