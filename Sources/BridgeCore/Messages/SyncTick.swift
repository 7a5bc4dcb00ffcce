import BridgeValues
import Foundation

/// Where a tick came from.
public enum TickSource: String, Sendable, Hashable, CaseIterable, Codable {
    /// The slot's regular tick.
    case schedule
    /// `bridgectl sync now`.
    case manual
    /// The current slot, published by a scheduler that missed earlier slots (they are not replayed).
    case catchUp = "catch-up"
}

/// `sync.tick`: a scheduler tick for one time slot (SPEC S2).
public struct SyncTick: MessagePayload {
    public static let messageType = MessageType.syncTick

    /// Start of the slot (UTC, aligned to the epoch, whole seconds).
    public var slot: Date
    /// Slot length in seconds.
    public var intervalSeconds: Int
    /// Why the tick was published.
    public var source: TickSource
    /// The scheduler instance (or tool) that published it.
    public var emitter: String

    public init(slot: Date, intervalSeconds: Int, source: TickSource, emitter: String) {
        self.slot = Date(timeIntervalSince1970: slot.timeIntervalSince1970.rounded(.down))
        self.intervalSeconds = intervalSeconds
        self.source = source
        self.emitter = emitter
    }

    /// A tick for `slot`.
    public init(slot: TickSlot, source: TickSource, emitter: String) {
        self.init(slot: slot.start, intervalSeconds: slot.intervalSeconds, source: source, emitter: emitter)
    }

    /// The tick slot this tick is for.
    public var tickSlot: TickSlot {
        TickSlot(containing: slot, intervalSeconds: intervalSeconds)
    }

    /// `sync.tick:<slot>` for scheduled and catch-up ticks, so every scheduler's tick for a slot
    /// is the same work (S2); manual ticks are new work each time.
    public func defaultIdempotencyKey(messageId: UUID) -> String {
        switch source {
        case .schedule, .catchUp:
            IdempotencyKey.make(["sync.tick", Timestamp.format(slot)])
        case .manual:
            IdempotencyKey.make(["sync.tick", Timestamp.format(slot), "manual", messageId.uuidString.lowercased()])
        }
    }

    /// The slot must be a slot start for the interval, or two schedulers could name one slot
    /// differently (S2).
    public func semanticProblems() -> [SchemaProblem] {
        guard intervalSeconds > 0, tickSlot.start != slot else { return [] }
        return [
            SchemaProblem(
                path: "/slot", keyword: "slotAlignment",
                message: "must be the start of a \(intervalSeconds)-second slot (e.g. \(tickSlot.id))")
        ]
    }

    private enum CodingKeys: String, CodingKey {
        case slot, intervalSeconds, source, emitter
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            slot: try container.decodeTimestamp(forKey: .slot),
            intervalSeconds: try container.decode(Int.self, forKey: .intervalSeconds),
            source: try container.decode(TickSource.self, forKey: .source),
            emitter: try container.decode(String.self, forKey: .emitter))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeTimestamp(slot, forKey: .slot)
        try container.encode(intervalSeconds, forKey: .intervalSeconds)
        try container.encode(source, forKey: .source)
        try container.encode(emitter, forKey: .emitter)
    }
}
