import BridgeCore
import BridgeState
import Foundation
import Logging
import ServiceLifecycle

/// Publishes `sync.tick` once per slot (SPEC S2).
///
/// Each pass looks at the last slot published (shared in the state database), publishes the
/// current slot if it is newer, then records it. Two schedulers, or a scheduler restarted after a
/// crash between publish and record, may publish a slot twice; every consumer deduplicates ticks by
/// their idempotency key `sync.tick:<slot>`, so a slot is still processed once. A scheduler that
/// was down publishes the current slot once (as `catch-up`), not every slot it missed.
public struct SchedulerService: Service {
    public var intervalSeconds: Int
    public var emitter: String
    public var store: StateStore
    public var bus: any MessageBus
    public var logger: Logger
    /// How often the loop wakes up to look; at most the interval.
    public var pollInterval: Duration

    public init(
        intervalSeconds: Int, emitter: String, store: StateStore, bus: any MessageBus, logger: Logger,
        pollInterval: Duration = .seconds(5)
    ) {
        self.intervalSeconds = intervalSeconds
        self.emitter = emitter
        self.store = store
        self.bus = bus
        self.logger = logger
        self.pollInterval = pollInterval
    }

    public func run() async throws {
        logger.info("scheduling ticks", metadata: ["interval.seconds": "\(intervalSeconds)", "emitter": "\(emitter)"])
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if let slot = try await publishDueTick(now: Date()) {
                    logger.info("tick published", metadata: ["slot": "\(slot.slot.id)", "source": "\(slot.source.rawValue)"])
                }
            } catch {
                logger.error("tick publication failed; trying again", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pollInterval) }
        }
        logger.info("scheduler stopped")
    }

    /// Publishes the tick due at `now`, if any, and returns it.
    public func publishDueTick(now: Date) async throws -> TickPublication? {
        let last = try await store.lastPublishedTick().map { TickSlot(containing: $0.slot, intervalSeconds: intervalSeconds) }
        guard let due = TickSlot.toPublish(lastPublished: last, now: now, intervalSeconds: intervalSeconds) else {
            return nil
        }
        let tick = SyncTick(slot: due.slot.start, intervalSeconds: intervalSeconds, source: due.source, emitter: emitter)
        try await bus.publish([OutboundMessage(.syncTick(Envelope(payload: tick, occurredAt: now)))])
        _ = try await store.claimTickPublication(slot: due.slot.start)
        return due
    }
}
