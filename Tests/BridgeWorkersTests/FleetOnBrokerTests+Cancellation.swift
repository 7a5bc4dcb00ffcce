import BridgeCore
import Foundation
import Testing

@testable import BridgeWorkers

/// A worker service cancelled (a test ending a worker, a service group past its shutdown
/// timeout) leaves no consumer behind to take and hold messages nobody handles.
extension FleetOnBrokerTests {
    @Test(
        "S4: a cancelled worker service, busy or idle, stops its consumer: what it buffered and what comes later stays in the queue for others",
        arguments: [false, true, false, true, false, true])
    func cancelledServiceLeavesNoConsumer(busy: Bool) async throws {
        let harness = try await FleetHarness.start()
        do {
            try await cancelAndCount(harness, busy: busy)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    private func cancelAndCount(_ harness: FleetHarness, busy: Bool) async throws {
        let handler = RecordingHandler()
        let service = WorkerService(
            queues: [.provisionerWork], bus: harness.bus, processor: harness.processor(.provisioner, handler: handler),
            prefetch: 50, concurrency: 1, logger: harness.logger)
        let running = Task { try await service.run() }
        let queue = WorkQueue.provisionerWork.name
        try await harness.eventually("the service consuming") { try await harness.bus.queueStatus(queue).consumers == 1 }
        let total = 300
        func publish(_ base: Int) async throws {
            try await harness.bus.publish((0..<total).map { OutboundMessage(Self.provisionMessage(company: String(base + $0))) })
        }
        if busy {
            try await publish(10_000)
            try await harness.eventually("some handled", poll: .milliseconds(1)) { await handler.calls >= 5 }
        }
        running.cancel()
        _ = try? await running.value
        let handledAtCancel = await handler.calls

        // Published after the service returned: no consumer of ours may take them.
        try await publish(20_000)
        try await harness.eventually("the cancelled service's consumer gone", timeout: .seconds(2), poll: .milliseconds(20)) {
            try await harness.bus.queueStatus(queue).consumers == 0
        }
        let expected = (busy ? 2 * total : total) - handledAtCancel
        try await harness.eventually("every message not handled back in the queue", timeout: .seconds(10)) {
            try await harness.bus.queueStatus(queue).messages == expected
        }
        #expect(await handler.calls == handledAtCancel, "nothing handled after run() returned")
        _ = try await harness.bus.purge(queue)
    }
}
