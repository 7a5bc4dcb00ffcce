import APIClients
import BridgeState
import Foundation

/// The fleet's shared Autotask limits, kept in the state every process of the fleet opens:
/// request slots per endpoint (leased) and one hourly budget. Slot scopes are
/// `autotask:<endpoint>`, the budget's `autotask`.
///
/// A slot's holder is named `instance@host#pid`. When every slot is held, the holders on this
/// host whose process no longer runs (killed with their slots) are freed at once; a holder on
/// another host, or one that cannot be checked, keeps its slot until its lease (`leaseTime`)
/// lapses.
public struct StateRequestLimits: SharedRequestLimits {
    public let store: StateStore
    /// Who holds the slots this process takes: `instance@host#pid`.
    public let holder: String
    /// How long a slot stays held if its holder never gives it back: longer than one request
    /// attempt may take (the transport's 60 s timeout).
    public let leaseTime: TimeInterval

    public static let defaultLeaseTime: TimeInterval = 90

    public init(store: StateStore, instance: String, leaseTime: TimeInterval = StateRequestLimits.defaultLeaseTime) {
        self.store = store
        self.holder = "\(instance)@\(Self.host)#\(getpid())"
        self.leaseTime = leaseTime
    }

    /// Frees the slots of holders on this host that no longer run, among `holders` (the current
    /// ones of every scope when nil).
    /// - Returns: the slots freed.
    @discardableResult
    public func releaseDeadHolders(among holders: [String]? = nil) async throws -> Int {
        var current = holders ?? []
        if holders == nil { current = try await store.requestSlotHolders() }
        var freed = 0
        for holder in Set(current) where Self.isGone(holder) {
            freed += try await store.releaseRequestSlots(holder: holder)
        }
        return freed
    }

    public func takeSlot(endpoint: String, limit: Int) async throws -> String? {
        let scope = Self.slotScope(endpoint)
        // A request waiting for a slot asks again and again: asking is a read, so waiting
        // processes do not queue on the state's write lock; only a likely free slot is written.
        let holders = try await store.requestSlotHolders(scope: scope)
        if holders.count >= limit, try await releaseDeadHolders(among: holders) == 0 { return nil }
        return try await store.takeRequestSlot(scope: scope, limit: limit, holder: holder, ttl: leaseTime)?.token
    }

    public func releaseSlot(_ token: String) async {
        // A failed release leaves the slot to lapse at the end of its lease.
        try? await store.releaseRequestSlot(token: token)
    }

    public func spendRequest(limit: Int, window: Duration) async throws -> Duration? {
        let seconds = Double(window.components.seconds) + Double(window.components.attoseconds) / 1e18
        return try await store.spendRequestBudget(scope: Self.budgetScope, limit: limit, window: max(60, seconds))
            .map { .milliseconds(Int64(($0 * 1000).rounded(.up))) }
    }

    public static let budgetScope = "autotask"

    public static func slotScope(_ endpoint: String) -> String { "autotask:\(endpoint)" }

    /// This host's name, as holders on it are named.
    static let host = ProcessInfo.processInfo.hostName

    /// Whether `holder` names a process of this host that no longer runs.
    static func isGone(_ holder: String) -> Bool {
        guard let hash = holder.lastIndex(of: "#"), let at = holder[..<hash].lastIndex(of: "@"),
            let pid = pid_t(holder[holder.index(after: hash)...]), pid > 0,
            holder[holder.index(after: at)..<hash] == host
        else { return false }
        return kill(pid, 0) == -1 && errno == ESRCH
    }
}
