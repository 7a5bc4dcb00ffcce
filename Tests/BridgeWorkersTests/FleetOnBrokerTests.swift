import BridgeCore
import BridgeValues
import Foundation
import Testing

@testable import BridgeWorkers

/// End to end through a real RabbitMQ: the fleet's queue names are shared, so these run one at a time.
@Suite("Worker pipeline on a real broker", .serialized, .timeLimit(.minutes(20)))
struct FleetOnBrokerTests {
    static func provisionMessage(company: String) -> Message {
        .provisionCompany(Envelope(payload: ProvisionCompany(psa: .connectWise, companyId: company, action: .sync)))
    }

    /// A `usage.tenant` message, for the runtime tests on worker processes: with every job off
    /// (``FleetHarness/applyJobsOffSettings()``) the usage-reporter skips it and records it done
    /// in its inbox, which makes "handled" countable without a PSA.
    static func usageMessage(index: Int) -> Message {
        let tenant = String(format: "00000000-0000-4000-8000-%012d", index)
        return .usageTenant(
            Envelope(
                payload: UsageTenant(
                    psa: .connectWise, tenantId: tenant, companyId: String(10_000 + index),
                    tickSlot: Date(timeIntervalSince1970: 1_780_000_000), periodStart: CalendarDate(containing: Date()),
                    periodEnd: CalendarDate(containing: Date()))))
    }

    @Test("S3, S5: a malformed message is dead-lettered with its reason; a failed one is replayed after the fix and handled once")
    func malformedThenReplay() async throws {
        let harness = try await FleetHarness.start()
        let handler = RecordingHandler()
        let service = WorkerService(
            queues: [.provisionerWork], bus: harness.bus, processor: harness.processor(.provisioner, handler: handler),
            prefetch: 10, concurrency: 4, logger: harness.logger)
        let running = Task { try await service.run() }
        defer { running.cancel() }
        let dead = WorkQueue.provisionerWork.deadLetterQueue
        let operations = DeadLetterOperations(admin: harness.bus)

        // 1. Malformed JSON: dead-lettered at once, body kept byte for byte, reason named.
        let garbage = Array(#"{"type": "provision.company", "payload": "#.utf8)
        try await harness.bus.publish([
            OutboundMessage(exchange: FleetTopology.workExchange, routingKey: "provision.company", messageId: "bad-1", body: garbage)
        ])
        try await harness.eventually("the malformed message in \(dead)") { try await harness.depth(dead) == 1 }
        let letters = try await operations.list(queue: dead)
        #expect(letters.count == 1)
        #expect(letters.first?.reason == "malformed-json")
        #expect(letters.first?.messageId == "bad-1")
        #expect(letters.first?.body.map { Array($0.utf8) } == garbage)
        #expect(letters.first?.sourceQueue == WorkQueue.provisionerWork.name)
        #expect(await handler.calls == 0)
        #expect(try await harness.depth(dead) == 1, "listing leaves dead letters in place")

        // 2. Purge it by id.
        let purged = try await operations.purge(queue: dead, selection: .id("bad-1"))
        #expect(purged.affected == 1)
        #expect(try await harness.depth(dead) == 0)

        // 3. A valid message the handler refuses: dead-lettered as permanent, not retried.
        await handler.set(.failPermanently)
        let message = Self.provisionMessage(company: "4711")
        try await harness.bus.publish([OutboundMessage(message)])
        try await harness.eventually("the refused message in \(dead)") { try await harness.depth(dead) == 1 }
        #expect(try await operations.list(queue: dead).first?.reason == "permanent")
        #expect(await handler.count(message.idempotencyKey) == 0)

        // 4. Fixed: replay hands it to the worker, which handles it once.
        await handler.set(.succeed)
        let replayed = try await operations.replay(queue: dead, selection: .all)
        #expect(replayed.affected == 1 && replayed.failures.isEmpty)
        try await harness.eventually("the replayed message handled") { await handler.count(message.idempotencyKey) == 1 }
        #expect(try await harness.depth(dead) == 0)

        // 5. Replay is idempotent: nothing left to replay, and the same message again is a duplicate.
        #expect(try await operations.replay(queue: dead, selection: .all).examined == 0)
        try await harness.bus.publish([OutboundMessage(message)])
        try await harness.eventually("the duplicate consumed") {
            let done = try await harness.store.inboxEntry(worker: "provisioner", idempotencyKey: message.idempotencyKey)?.status == .done
            let empty = try await harness.depth(WorkQueue.provisionerWork.name) == 0
            return done && empty
        }
        try await Task.sleep(for: .milliseconds(500))
        #expect(await handler.count(message.idempotencyKey) == 1)

        await BoundedStop.worker(running)
        await harness.stop()
    }

    @Test("S3: a transient failure is deferred in the state and comes back after the tier's delay with the attempt counted")
    func transientRetry() async throws {
        let harness = try await FleetHarness.start()
        let handler = RecordingHandler()
        await handler.set(.failTransientlyOnce)
        let service = WorkerService(
            queues: [.provisionerWork], bus: harness.bus, processor: harness.processor(.provisioner, handler: handler),
            prefetch: 10, concurrency: 4, logger: harness.logger)
        let running = Task { try await service.run() }
        let message = Self.provisionMessage(company: "815")
        try await harness.bus.publish([OutboundMessage(message)])
        let deferred = try await harness.eventuallyValue("the first attempt failed and was deferred for 5 s") {
            try await harness.store.deferredMessages(queue: WorkQueue.provisionerWork.name).first
        }
        #expect(deferred.messageId == message.messageId.uuidString.lowercased())
        let wait = deferred.dueAt.timeIntervalSince(deferred.deferredAt)
        #expect(wait >= 4.99 && wait <= 5.01, "due after the first tier, 5 s (\(wait))")
        #expect(await handler.count(message.idempotencyKey) == 0)
        try await harness.eventually("the second attempt handled", timeout: .seconds(30)) {
            await handler.count(message.idempotencyKey) == 1
        }
        #expect(try await harness.store.inboxEntry(worker: "provisioner", idempotencyKey: message.idempotencyKey)?.attempts == 2)
        #expect(try await harness.store.deferredMessages().isEmpty, "relayed, then forgotten")
        #expect(try await harness.depth(WorkQueue.provisionerWork.deadLetterQueue) == 0)
        await BoundedStop.worker(running)
        await harness.stop()
    }

    @Test(
        "S5: bad input is dead-lettered with a reason naming what was wrong, and the worker carries on",
        arguments: [
            ("a 10 MB body", "too-large"),
            ("a wrong schema version", "unsupported-schema-version"),
            ("an unknown message type", "unknown-type"),
            ("a payload missing a field", "schema-violation"),
        ])
    func badInput(name: String, code: String) async throws {
        let harness = try await FleetHarness.start()
        let handler = RecordingHandler()
        let service = WorkerService(
            queues: [.provisionerWork], bus: harness.bus, processor: harness.processor(.provisioner, handler: handler),
            prefetch: 10, concurrency: 4, logger: harness.logger)
        let running = Task { try await service.run() }
        let good = Self.provisionMessage(company: "99")
        var json = try JSONValue(parsing: MessageEncoder().encode(good))
        guard case .object(var object) = json, case .object(var payload)? = object["payload"] else {
            throw HarnessError("encoded message is not an object")
        }
        var body: [UInt8]
        switch code {
        case "too-large":
            body = Array(repeating: UInt8(ascii: " "), count: 10 * 1024 * 1024) + Array(json.serialized())
        case "unsupported-schema-version":
            object["schemaVersion"] = .integer(7)
            body = Array(JSONValue.object(object).serialized())
        case "unknown-type":
            object["type"] = .string("invoice.created")
            body = Array(JSONValue.object(object).serialized())
        default:
            payload["companyId"] = nil
            object["payload"] = .object(payload)
            json = .object(object)
            body = Array(json.serialized())
        }
        try await harness.bus.publish([
            OutboundMessage(exchange: FleetTopology.workExchange, routingKey: "provision.company", messageId: "bad-\(code)", body: body),
            OutboundMessage(good),
        ])
        let dead = WorkQueue.provisionerWork.deadLetterQueue
        try await harness.eventually("\(name) dead-lettered") { try await harness.depth(dead) == 1 }
        let letter = try #require(try await DeadLetterOperations(admin: harness.bus).list(queue: dead).first)
        #expect(letter.reason == code)
        #expect(letter.bodyBytes == body.count, "the body is kept whole")
        #expect(letter.detail?.isEmpty == false)
        try await harness.eventually("the good message after it handled") { await handler.count(good.idempotencyKey) == 1 }
        await BoundedStop.worker(running)
        await harness.stop()
    }
}
