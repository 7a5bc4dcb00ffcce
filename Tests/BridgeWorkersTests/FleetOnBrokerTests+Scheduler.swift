import BridgeCore
import Foundation
import Testing

@testable import BridgeWorkers

/// The scheduler and tick handling against the test broker (SPEC S2).
extension FleetOnBrokerTests {
    @Test("S2: two schedulers publish a slot once; a scheduler that was down catches up once, not per missed slot")
    func schedulersPublishEachSlotOnce() async throws {
        let harness = try await FleetHarness.start()
        let first = SchedulerService(intervalSeconds: 900, emitter: "a", store: harness.store, bus: harness.bus, logger: harness.logger)
        let second = SchedulerService(intervalSeconds: 900, emitter: "b", store: harness.store, bus: harness.bus, logger: harness.logger)
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let slot = TickSlot(containing: now, intervalSeconds: 900)

        let published = try await first.publishDueTick(now: now)
        #expect(published?.slot == slot)
        #expect(try await second.publishDueTick(now: now.addingTimeInterval(30)) == nil, "the slot is published already")
        for queue in [WorkQueue.provisionerTicks, .usageReporterTicks, .alertConsumerTicks] {
            try await harness.eventually("one tick in \(queue.name)") { try await harness.depth(queue.name) == 1 }
        }

        // Down for five slots: on return, one tick for the current slot, marked as a catch-up.
        let later = now.addingTimeInterval(5 * 900 + 10)
        let caughtUp = try await second.publishDueTick(now: later)
        #expect(caughtUp?.slot == TickSlot(containing: later, intervalSeconds: 900))
        #expect(caughtUp?.source == .catchUp)
        #expect(try await first.publishDueTick(now: later) == nil)
        try await harness.eventually("two ticks in provisioner.ticks") {
            try await harness.depth(WorkQueue.provisionerTicks.name) == 2
        }
        await harness.stop()
    }

    @Test("S2: a tick slot published twice is handed to a worker's handler once, and recorded as its last tick")
    func duplicateTickHandledOnce() async throws {
        let harness = try await FleetHarness.start()
        let recorder = RecordingHandler()
        let handler = TickRecordingHandler(store: harness.store, next: recorder)
        let service = WorkerService(
            queues: [.provisionerTicks], bus: harness.bus, processor: harness.processor(.provisioner, handler: handler),
            prefetch: 10, concurrency: 2, logger: harness.logger)
        let running = Task { try await service.run() }
        let slot = TickSlot(containing: Date(), intervalSeconds: 900)
        // Two schedulers emitting the same slot: two messages, one idempotency key.
        let ticks = ["a", "b"].map {
            Message.syncTick(Envelope(payload: SyncTick(slot: slot.start, intervalSeconds: 900, source: .schedule, emitter: $0)))
        }
        try await harness.bus.publish(ticks.map(OutboundMessage.init))
        try await harness.eventually("both ticks consumed") {
            let empty = try await harness.depth(WorkQueue.provisionerTicks.name) == 0
            let handled = await recorder.calls == 1
            return empty && handled
        }
        try await Task.sleep(for: .milliseconds(500))
        #expect(await recorder.calls == 1)
        let heartbeats = try await harness.store.workerHeartbeats()
        #expect(heartbeats.contains { $0.worker == "provisioner" && $0.lastTickSlot == slot.id })
        await BoundedStop.worker(running)
        await harness.stop()
    }
}
