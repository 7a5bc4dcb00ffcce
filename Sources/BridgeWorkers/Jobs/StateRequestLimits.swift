import APIClients
import BridgeState
import Foundation

/// The fleet's shared Autotask limits, kept in the state every process of the fleet opens:
/// request slots per endpoint (leased, so a killed process holds one at most `leaseTime`) and one
/// hourly budget. Slot scopes are `autotask:<endpoint>`, the budget's `autotask`.
public struct StateRequestLimits: SharedRequestLimits {
    public let store: StateStore
    /// Who holds the slots this process takes: its instance name.
    public let holder: String
    /// How long a slot stays held if its holder never gives it back: longer than one request
    /// attempt may take (the transport's 60 s timeout).
    public let leaseTime: TimeInterval

    public static let defaultLeaseTime: TimeInterval = 90

    public init(store: StateStore, holder: String, leaseTime: TimeInterval = StateRequestLimits.defaultLeaseTime) {
        self.store = store
        self.holder = holder
        self.leaseTime = leaseTime
    }

    /// Frees the slots a previous process of this instance held when it was killed.
    @discardableResult
    public func releaseLeftovers() async throws -> Int {
        try await store.releaseRequestSlots(holder: holder)
    }

    public func takeSlot(endpoint: String, limit: Int) async throws -> String? {
        guard let lease = try await store.takeRequestSlot(scope: Self.slotScope(endpoint), limit: limit, holder: holder, ttl: leaseTime)
        else { return nil }
        return "\(lease.slot) \(lease.token) \(lease.scope)"
    }

    public func releaseSlot(_ token: String) async {
        let parts = token.split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count == 3, let slot = Int(parts[0]) else { return }
        // A failed release leaves the slot to lapse at the end of its lease.
        try? await store.releaseRequestSlot(StateStore.RequestSlotLease(scope: parts[2], slot: slot, token: parts[1]))
    }

    public func spendRequest(limit: Int, window: Duration) async throws -> Duration? {
        let seconds = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
        return try await store.spendRequestBudget(scope: Self.budgetScope, limit: limit, window: max(60, seconds))
            .map { .milliseconds(Int64(($0 * 1000).rounded(.up))) }
    }

    public static let budgetScope = "autotask"

    public static func slotScope(_ endpoint: String) -> String { "autotask:\(endpoint)" }
}
