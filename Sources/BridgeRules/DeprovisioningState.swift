import Foundation

/// The state of a mapped company's deprovisioning clock (P6).
///
/// When the company no longer has an active line for any mapped product, the clock starts:
/// quotas go to zero at once (if on), the tenant is disabled after N days (if on) and deleted
/// after M days (if on; disabled first, in the same step when the disable setting is off or
/// later). A line that comes back stops and resets the clock; a tenant the clock disabled is
/// enabled again and zeroed quotas are set from the contract again.
///
/// Decisions where the SPEC is silent:
/// - "N days" counts from the clock's start, as elapsed 24-hour periods (``DayCount``).
/// - Each action happens once: the clock records when it zeroed, disabled and deleted. A setting
///   turned on while the clock runs acts on the next step, measured from the original start.
/// - A tenant the clock did not disable (an operator did) is not enabled by it.
/// - After deletion the clock is final: a line that comes back cannot undo a delete; the mapping
///   then shows Tenant missing (P5).
/// - While ``holdsQuotasAtZero``, the provisioner keeps quotas at zero instead of applying
///   ``QuotaRule``.
public struct DeprovisioningState: Sendable, Hashable, Codable {
    /// When the clock started; nil: not running.
    public var startedAt: Date?
    /// When the clock zeroed the quotas.
    public var quotasZeroedAt: Date?
    /// When the clock disabled the tenant.
    public var disabledAt: Date?
    /// When the clock deleted the tenant.
    public var deletedAt: Date?

    /// A clock state from its timestamps (as stored).
    public init(startedAt: Date? = nil, quotasZeroedAt: Date? = nil, disabledAt: Date? = nil, deletedAt: Date? = nil) {
        self.startedAt = startedAt
        self.quotasZeroedAt = quotasZeroedAt
        self.disabledAt = disabledAt
        self.deletedAt = deletedAt
    }

    /// A clock that has not started.
    public static let notStarted = DeprovisioningState()

    /// Whether the clock runs (started, tenant not deleted).
    public var isRunning: Bool { startedAt != nil && deletedAt == nil }

    /// Whether the clock holds the tenant's quotas at zero.
    public var holdsQuotasAtZero: Bool { quotasZeroedAt != nil && deletedAt == nil }

    /// The clock's step at `now`.
    /// - Parameters:
    ///   - hasActiveLine: whether the company has an active line (today) for any mapped product.
    ///   - policy: the deprovisioning settings.
    ///   - now: the time of the tick.
    public func step(hasActiveLine: Bool, policy: DeprovisioningPolicy, now: Date) -> DeprovisioningStep {
        guard deletedAt == nil else { return DeprovisioningStep(actions: [], state: self) }
        if hasActiveLine {
            guard startedAt != nil else { return DeprovisioningStep(actions: [], state: self) }
            var actions: [DeprovisioningAction] = []
            if disabledAt != nil { actions.append(.enableTenant) }
            if quotasZeroedAt != nil { actions.append(.reapplyQuotas) }
            return DeprovisioningStep(actions: actions, state: .notStarted)
        }
        var next = self
        let start = startedAt ?? now
        next.startedAt = start
        var actions: [DeprovisioningAction] = []
        if policy.quotasToZero, next.quotasZeroedAt == nil {
            actions.append(.zeroQuotas)
            next.quotasZeroedAt = now
        }
        let deleteDue = policy.deleteAfter.isReached(since: start, at: now)
        let disableDue = deleteDue || policy.disableAfter.isReached(since: start, at: now)
        if disableDue, next.disabledAt == nil {
            actions.append(.disableTenant)
            next.disabledAt = now
        }
        if deleteDue {
            actions.append(.deleteTenant)
            next.deletedAt = now
        }
        return DeprovisioningStep(actions: actions, state: next)
    }

    /// When the running clock's pending disable and delete fall due under `policy` (nil: off,
    /// already done, or the clock is not running), for `bridgectl status`.
    public func deadlines(policy: DeprovisioningPolicy) -> (disable: Date?, delete: Date?) {
        guard let startedAt, deletedAt == nil else { return (nil, nil) }
        func due(_ threshold: DayThreshold) -> Date? {
            if case .after(let days) = threshold { return days.deadline(after: startedAt) }
            return nil
        }
        let delete = due(policy.deleteAfter)
        let disable = disabledAt == nil ? [due(policy.disableAfter), delete].compactMap { $0 }.min() : nil
        return (disable, delete)
    }
}
