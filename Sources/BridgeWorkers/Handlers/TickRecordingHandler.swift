import BridgeCore
import BridgeState

/// Records every `sync.tick` a worker receives (the last tick each worker saw, for
/// `bridgectl status`, SPEC S1) and hands the message to the worker's own handler.
///
/// A slot is handed on once per worker, whatever the number of schedulers that published it or
/// the redeliveries (SPEC S2): the inbox deduplicates by the tick's idempotency key, and the tick
/// claim here covers manual ticks and replays of the same slot.
public struct TickRecordingHandler: MessageHandler {
    public var store: StateStore
    public var next: any MessageHandler

    public init(store: StateStore, next: any MessageHandler) {
        self.store = store
        self.next = next
    }

    public func handle(_ message: Message, context: HandlerContext) async throws {
        if case .syncTick(let tick) = message {
            let slot = TickSlot(containing: tick.payload.slot, intervalSeconds: tick.payload.intervalSeconds).id
            try await store.recordHeartbeat(worker: context.worker.rawValue, tickSlot: slot, instanceId: context.instance)
            if tick.payload.source != .manual {
                guard try await store.claimTickSlot(worker: context.worker.rawValue, slot: slot) else {
                    context.logger.info("tick slot \(slot) already processed by this worker; skipped")
                    return
                }
            }
        }
        try await next.handle(message, context: context)
    }
}
