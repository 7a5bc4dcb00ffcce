import Foundation

/// The one command left for an alert key after coalescing a batch (see ``AlertCoalescer``).
public struct CoalescedChange<Change: Sendable>: Sendable {
    /// The latest change of the key in the batch: its state is the command's.
    public var latest: Change
    /// The command: the latest change's trigger.
    public var trigger: TicketTrigger
    /// How many changes of the key the batch held.
    public var changeCount: Int
    /// How many of them raised the alert (for "it occurred N times" in notes).
    public var raisedCount: Int
    /// When the key's earliest change in the batch happened.
    public var firstChangedAt: Date
    /// When the key's latest change in the batch happened.
    public var lastChangedAt: Date

    /// A `CoalescedChange` from its parts.
    public init(
        latest: Change, trigger: TicketTrigger, changeCount: Int, raisedCount: Int,
        firstChangedAt: Date, lastChangedAt: Date
    ) {
        self.latest = latest
        self.trigger = trigger
        self.changeCount = changeCount
        self.raisedCount = raisedCount
        self.firstChangedAt = firstChangedAt
        self.lastChangedAt = lastChangedAt
    }
}

extension CoalescedChange: Equatable where Change: Equatable {}
extension CoalescedChange: Hashable where Change: Hashable {}
