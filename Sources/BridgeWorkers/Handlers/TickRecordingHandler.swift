import BridgeCore
import BridgeState

/// Records every `sync.tick` a worker receives (the last tick each worker saw, for
/// `bridgectl status`, SPEC S1) and hands the message to the worker's own handler.
///
/// A slot is handed on once per worker, whatever the number of schedulers that published it or
/// the redeliveries (SPEC S2): the inbox deduplicates by the tick's idempotency key, and the tick
/// claim here covers replays of the same slot. A claim is made only after the handler succeeded:
/// a slot whose handling failed or was cut short is not lost. Manual ticks always run.
///
/// After a scheduled tick it runs ``Housekeeping`` when due (once an hour per state file).
public struct TickRecordingHandler: MessageHandler {
    public var store: StateStore
    public var next: any MessageHandler
    public var housekeeping: Housekeeping?

    public init(store: StateStore, next: any MessageHandler, housekeeping: Housekeeping? = nil) {
        self.store = store
        self.next = next
        self.housekeeping = housekeeping ?? Housekeeping(store: store)
    }

    public func handle(_ message: Message, context: HandlerContext) async throws {
        guard case .syncTick(let tick) = message else {
            try await next.handle(message, context: context)
            return
        }
        let slot = TickSlot(containing: tick.payload.slot, intervalSeconds: tick.payload.intervalSeconds).id
        try await store.recordHeartbeat(worker: context.worker.rawValue, tickSlot: slot, instanceId: context.instance)
        if tick.payload.source == .manual {
            try await next.handle(message, context: context)
            return
        }
        if try await store.isTickSlotClaimed(worker: context.worker.rawValue, slot: slot) {
            context.logger.info("tick slot \(slot) already processed by this worker; skipped")
            return
        }
        // The slot is claimed once the handler has finished, so a tick whose worker died part-way
        // (a SIGKILL between two of its writes) is handled again when it is redelivered.
        try await next.handle(message, context: context)
        _ = try await store.claimTickSlot(worker: context.worker.rawValue, slot: slot)
        await housekeeping?.afterTick(logger: context.logger)
    }
}
