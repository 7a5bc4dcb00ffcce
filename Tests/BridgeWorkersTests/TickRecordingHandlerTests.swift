import BridgeCore
import BridgeState
import Foundation
import Logging
import BridgeTestSupport
import Testing

@testable import BridgeWorkers

@Suite("Tick slots handed to a worker's handler")
struct TickRecordingHandlerTests {
    private func context() -> HandlerContext {
        HandlerContext(worker: .provisioner, instance: "test", queue: .provisionerTicks, attempt: 1, logger: Logger(label: "test"))
    }

    private func tick(_ slot: TickSlot, source: TickSource = .schedule) -> Message {
        .syncTick(Envelope(payload: SyncTick(slot: slot.start, intervalSeconds: 900, source: source, emitter: "test")))
    }

    @Test("S2, S4: a slot whose handling failed is handled again when it comes back; once it succeeded it is skipped")
    func failedSlotRunsAgain() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try StateStore(location: TestState.location(forPath: directory.appendingPathComponent("state.sqlite").path))
        let recorder = RecordingHandler()
        await recorder.set(.failTransientlyOnce)
        let handler = TickRecordingHandler(store: store, next: recorder)
        let slot = TickSlot(containing: Date(timeIntervalSince1970: 1_795_000_000), intervalSeconds: 900)

        await #expect(throws: HandlerFailure.self) { try await handler.handle(tick(slot), context: context()) }
        #expect(try await store.isTickSlotClaimed(worker: "provisioner", slot: slot.id) == false, "a failed slot is not claimed")
        try await handler.handle(tick(slot), context: context())
        #expect(await recorder.calls == 2, "the redelivered slot ran again")
        #expect(try await store.isTickSlotClaimed(worker: "provisioner", slot: slot.id))
        try await handler.handle(tick(slot), context: context())
        #expect(await recorder.calls == 2, "a finished slot is skipped")
        try await handler.handle(tick(slot, source: .manual), context: context())
        #expect(await recorder.calls == 3, "a manual tick always runs")
        try store.close()
    }
}
