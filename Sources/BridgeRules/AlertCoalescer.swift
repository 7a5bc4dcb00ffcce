import Foundation

/// Coalesces a burst of changes of the same alert key into one ticket command (T2, T4).
///
/// A poll of the cloud's alerts can return the same key (same tenant, alert type and resource)
/// several times: raised, raised again, resolved, raised again. Each key keeps one command, with
/// the state of its latest change: **the final state wins**.
///
/// - "Latest" is the greatest `changedAt`; changes with equal times keep their input order, the
///   later one winning.
/// - A key raised and then resolved within the batch yields a `resolve`: the batch ends with the
///   condition cleared, so no ticket is opened only to be closed at once (ticket storms are the
///   first complaint about alert integrations); a ticket the key already had is closed or noted
///   as T3 says, and a key without a ticket gets nothing.
/// - A key resolved and then raised again yields an `open`: a note, re-open or new ticket per T2.
/// - The output holds one element per key, ordered by the winning change's time (ties: input
///   order), so commands reach the PSA in the order their final states happened.
public enum AlertCoalescer {
    /// One command per key of `changes`.
    /// - Parameters:
    ///   - changes: the batch, in the order it was read.
    ///   - key: the change's alert key.
    ///   - trigger: whether the change raised (`open`) or resolved (`resolve`) the alert.
    ///   - changedAt: when the change happened (the alert's `updatedAt`).
    public static func coalesce<Change: Sendable, Key: Hashable>(
        _ changes: [Change],
        key: (Change) -> Key,
        trigger: (Change) -> TicketTrigger,
        changedAt: (Change) -> Date
    ) -> [CoalescedChange<Change>] {
        var groups: [Key: KeyGroup] = [:]
        var order: [Key] = []
        for (index, change) in changes.enumerated() {
            let changeKey = key(change)
            let time = changedAt(change)
            var group = groups[changeKey] ?? {
                order.append(changeKey)
                return KeyGroup(winner: index, first: time, last: time)
            }()
            group.changeCount += 1
            if trigger(change) == .open { group.raisedCount += 1 }
            group.first = min(group.first, time)
            if time >= changedAt(changes[group.winner]) { group.winner = index }
            group.last = max(group.last, time)
            groups[changeKey] = group
        }
        let winners = order.compactMap { groups[$0] }.sorted { lhs, rhs in
            let lhsTime = changedAt(changes[lhs.winner])
            let rhsTime = changedAt(changes[rhs.winner])
            return lhsTime != rhsTime ? lhsTime < rhsTime : lhs.winner < rhs.winner
        }
        return winners.map { group in
            let latest = changes[group.winner]
            return CoalescedChange(
                latest: latest, trigger: trigger(latest), changeCount: group.changeCount,
                raisedCount: group.raisedCount, firstChangedAt: group.first, lastChangedAt: group.last)
        }
    }
}

/// The running tally of one key while coalescing.
private struct KeyGroup {
    /// The input index of the key's latest change so far.
    var winner: Int
    var changeCount = 0
    var raisedCount = 0
    var first: Date
    var last: Date
}
