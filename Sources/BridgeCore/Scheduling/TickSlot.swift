import BridgeValues
import Foundation

/// A scheduler time slot (SPEC S2): `[start, start + interval)`, aligned to the Unix epoch in UTC,
/// so every scheduler computes the same slots. Its `id` (the RFC 3339 start, e.g.
/// `2026-11-22T02:15:00Z`) names the slot in idempotency keys.
public struct TickSlot: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Start of the slot in whole seconds since the epoch.
    public let startSeconds: Int64
    /// Length of the slot in seconds.
    public let intervalSeconds: Int

    /// The slot that contains `instant`.
    public init(containing instant: Date, intervalSeconds: Int) {
        precondition(intervalSeconds > 0, "a tick interval must be positive")
        let seconds = Int64(instant.timeIntervalSince1970.rounded(.down))
        let interval = Int64(intervalSeconds)
        let remainder = seconds % interval
        self.startSeconds = seconds - (remainder < 0 ? remainder + interval : remainder)
        self.intervalSeconds = intervalSeconds
    }

    /// The slot whose id is `id`, or nil when `id` is not a date-time or not a slot start for
    /// this interval.
    public init?(id: String, intervalSeconds: Int) {
        guard intervalSeconds > 0, let start = Timestamp.parseRFC3339(id) else { return nil }
        let slot = TickSlot(containing: start, intervalSeconds: intervalSeconds)
        guard Double(slot.startSeconds) == start.timeIntervalSince1970 else { return nil }
        self = slot
    }

    /// First instant of the slot.
    public var start: Date { Date(timeIntervalSince1970: Double(startSeconds)) }
    /// First instant after the slot.
    public var end: Date { Date(timeIntervalSince1970: Double(startSeconds + Int64(intervalSeconds))) }
    /// The slot's start as RFC 3339 UTC, e.g. `2026-11-22T02:15:00Z`.
    public var id: String { Timestamp.format(start) }
    /// The following slot.
    public var next: TickSlot { TickSlot(containing: end, intervalSeconds: intervalSeconds) }
    /// The preceding slot.
    public var previous: TickSlot {
        TickSlot(containing: Date(timeIntervalSince1970: Double(startSeconds - 1)), intervalSeconds: intervalSeconds)
    }

    /// Whether `instant` falls in this slot.
    public func contains(_ instant: Date) -> Bool {
        instant >= start && instant < end
    }

    public var description: String { id }

    public static func < (lhs: TickSlot, rhs: TickSlot) -> Bool {
        lhs.startSeconds < rhs.startSeconds
    }

    /// Which slot a scheduler publishes at `now`, given the last slot it (or its peer) published:
    /// the current slot, once. Nothing when the current slot (or a later one) was already
    /// published. After downtime the current slot is published once as a catch-up tick; the
    /// missed slots are not replayed one by one (S2).
    public static func toPublish(lastPublished: TickSlot?, now: Date, intervalSeconds: Int) -> TickPublication? {
        let current = TickSlot(containing: now, intervalSeconds: intervalSeconds)
        guard let last = lastPublished else { return TickPublication(slot: current, source: .schedule, missedSlots: 0) }
        guard last.startSeconds < current.startSeconds else { return nil }
        // Slots strictly between the last published one and the current one were missed.
        let gap = current.startSeconds - (last.startSeconds + Int64(last.intervalSeconds))
        let missed = gap <= 0 ? 0 : Int((gap + Int64(intervalSeconds) - 1) / Int64(intervalSeconds))
        return TickPublication(slot: current, source: missed == 0 ? .schedule : .catchUp, missedSlots: missed)
    }
}
