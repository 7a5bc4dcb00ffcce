/// The slot a scheduler should publish now, and why.
public struct TickPublication: Sendable, Hashable {
    /// The slot to publish (always the current one).
    public var slot: TickSlot
    /// `.schedule`, or `.catchUp` when earlier slots were missed.
    public var source: TickSource
    /// How many slots were skipped since the last publication (they are not replayed).
    public var missedSlots: Int

    public init(slot: TickSlot, source: TickSource, missedSlots: Int) {
        self.slot = slot
        self.source = source
        self.missedSlots = missedSlots
    }
}
