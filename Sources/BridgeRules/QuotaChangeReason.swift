import BridgeValues
import Foundation

/// Why the provisioning planner changes an offering item's quota.
public enum QuotaChangeReason: Sendable, Hashable, CustomStringConvertible {
    /// The quota the company's contract lines give (P2, P3), for this reason.
    case contract(QuotaReason)
    /// The deprovisioning clock that started at this instant holds the quotas at zero (P6).
    case deprovisioning(clockStartedAt: Date)

    /// The reason in words, with the rule ids.
    public var description: String {
        switch self {
        case .contract(let reason):
            "\(reason) (P2, P3)"
        case .deprovisioning(let start):
            "no active line for a mapped product since \(Timestamp.format(start, fractionalSeconds: false)); quotas to zero (P6)"
        }
    }
}
