import Foundation
import Testing

@testable import AMQPTransport

@Suite("Publishing with confirms and consuming with acks (real broker)")
struct PublishConsumeTests {
    @Test(
        "S4/T4 round trip: confirmed persistent publishes to a fresh quorum queue arrive once, properties and headers intact"
    )
    func roundTrip() async throws {
        let queue = uniqueName("roundtrip")
        let connection = try await TestBroker.connect("roundtrip", topology: AMQPTopology(queues: [.quorum(queue)]))
        let publisher = try await connection.makePublisher(window: 64)
        let count = 300
        let messages = (0..<count).map { index in
            AMQPOutgoingMessage(
                exchange: "", routingKey: queue, body: body(index, size: 64), messageId: "m-\(index)",
                correlationId: "c-\(index)", type: "test.message",
                timestamp: Date(timeIntervalSince1970: TimeInterval(1_700_000_000 + index)),
                headers: [
                    "psa-attempt": .int(Int32(index % 3)),
                    "tenant": .string("tenant-\(index)"),
                    "occurred": .timestamp(Date(timeIntervalSince1970: 1_600_000_000)),
                    "detail": ["ok": true, "values": [1, "two", 3.5], "size": .long(Int64(index) << 33)],
                ])
        }
        // Half one by one (concurrently), half as one pipelined batch.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for message in messages[..<150] {
                group.addTask { try await publisher.publish(message) }
            }
            try await group.waitForAll()
        }
        let batchResults = await publisher.publish(Array(messages[150...]))
        #expect(batchResults.count == 150)
        for result in batchResults { try result.get() }

        #expect(try await readyCount(connection, queue, expecting: UInt32(count)) == UInt32(count))

        let consumer = try await connection.makeConsumer(queue: queue, prefetch: 50)
        let deliveries = try await collect(consumer, count: count)
        let byId = Dictionary(grouping: deliveries, by: { $0.messageId ?? "" })
        #expect(byId.count == count, "every message arrives exactly once")
        for message in messages {
            guard let delivery = byId[message.messageId!]?.first else {
                Issue.record("\(message.messageId!) missing")
                continue
            }
            #expect(delivery.body == message.body)
            #expect(delivery.exchange == "")
            #expect(delivery.routingKey == queue)
            #expect(delivery.contentType == "application/json")
            #expect(delivery.isPersistent)
            #expect(delivery.correlationId == message.correlationId)
            #expect(delivery.type == "test.message")
            #expect(delivery.timestamp == message.timestamp)
            #expect(delivery.headers.filter { !$0.key.hasPrefix("x-") } == message.headers)
            #expect(!delivery.redelivered)
        }
        #expect(await nextDelivery(consumer, within: .milliseconds(300)) == nil, "nothing more arrives")
        #expect(await consumer.stopConsuming(timeout: .seconds(5)) == 0)
        #expect(try await readyCount(connection, queue, expecting: 0) == 0, "all acked")
        try await connection.deleteQueue(queue)
        await connection.close()
        #expect(connection.state == .closed)
    }

    @Test("S5 unroutable mandatory publish fails with a typed error; a non-mandatory one is dropped silently")
    func unroutable() async throws {
        let queue = uniqueName("routable")
        let connection = try await TestBroker.connect("unroutable", topology: AMQPTopology(queues: [.quorum(queue)]))
        let publisher = try await connection.makePublisher()
        let nowhere = uniqueName("nowhere")
        do {
            try await publisher.publish(
                AMQPOutgoingMessage(exchange: "amq.direct", routingKey: nowhere, body: body(0), messageId: "lost"))
            Issue.record("an unroutable mandatory publish succeeded")
        } catch {
            #expect(
                error == .unroutable(replyCode: 312, replyText: "NO_ROUTE", exchange: "amq.direct", routingKey: nowhere)
            )
            #expect(!error.isRetriable)
        }
        try await publisher.publish(
            AMQPOutgoingMessage(exchange: "amq.direct", routingKey: nowhere, body: body(1), mandatory: false))

        // Mixed in flight: only the unroutable ones fail, each matched to its own publish.
        let results = await publisher.publish(
            (0..<40).map { index in
                AMQPOutgoingMessage(
                    exchange: "", routingKey: index % 4 == 0 ? nowhere : queue, body: body(index),
                    messageId: "mix-\(index)")
            })
        for (index, result) in results.enumerated() {
            if index % 4 == 0 {
                #expect(throws: AMQPError.self) { try result.get() }
            } else {
                #expect(throws: Never.self) { try result.get() }
            }
        }
        #expect(try await readyCount(connection, queue, expecting: 30) == 30)
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test("S5 publish to a missing exchange fails with 404; the channel closes and recovers")
    func missingExchange() async throws {
        let queue = uniqueName("after-404")
        let connection = try await TestBroker.connect(
            "missing-exchange", topology: AMQPTopology(queues: [.quorum(queue)]))
        let publisher = try await connection.makePublisher()
        let missing = uniqueName("no-such-exchange")
        do {
            try await publisher.publish(AMQPOutgoingMessage(exchange: missing, routingKey: "x", body: body(0)))
            Issue.record("a publish to a missing exchange succeeded")
        } catch {
            guard case .channelClosed(let code, let text) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(code == 404)
            #expect(text.contains(missing))
        }
        // The publisher's channel is reopened in confirm mode; publishing goes on.
        for index in 0..<5 {
            try await publisher.publish(AMQPOutgoingMessage(exchange: "", routingKey: queue, body: body(index)))
        }
        #expect(connection.isConnected)
        #expect(connection.reconnectCount == 0, "a channel error does not cost the connection")
        #expect(try await readyCount(connection, queue, expecting: 5) == 5)
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test(
        "S4/T4 unacked deliveries come back redelivered to the next consumer; a stale ack is dropped without harming the new channel"
    )
    func redelivery() async throws {
        let queue = uniqueName("redelivery")
        let connection = try await TestBroker.connect("redelivery", topology: AMQPTopology(queues: [.quorum(queue)]))
        let publisher = try await connection.makePublisher()
        let results = await publisher.publish(
            (0..<10).map {
                AMQPOutgoingMessage(exchange: "", routingKey: queue, body: body($0), messageId: "r-\($0)")
            })
        for result in results { try result.get() }

        let first = try await connection.makeConsumer(queue: queue, prefetch: 10)
        let held = try await collect(first, count: 10, ack: false)
        #expect(held.allSatisfy { !$0.redelivered })
        #expect(
            await first.stopConsuming(timeout: .milliseconds(200)) == 10,
            "all ten were unsettled when the channel closed")

        let second = try await connection.makeConsumer(queue: queue, prefetch: 10)
        let again = try await collect(second, count: 10, ack: false)
        #expect(Set(again.map(\.messageId)) == Set(held.map(\.messageId)))
        #expect(again.allSatisfy { $0.redelivered })
        #expect(again.allSatisfy { $0.generation != held[0].generation })

        // Acks for the old channel generation: same tags, different generation. They must not be
        // sent on the new channel (that would ack the wrong deliveries or close it with 406).
        for delivery in held { first.ack(delivery) }
        for delivery in held { second.ack(delivery) }
        try await Task.sleep(for: .milliseconds(300))
        #expect(second.isConsuming)
        #expect(second.restarts == 0, "the new channel was not closed")
        #expect(try await connection.queueStatus(queue).messageCount == 0)
        // The redelivered ones are still unsettled: stopping returns all ten to the queue.
        #expect(await second.stopConsuming(timeout: .milliseconds(200)) == 10)
        #expect(try await readyCount(connection, queue, expecting: 10) == 10)
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test("deliveries handled concurrently and acked in any order are all settled")
    func concurrentHandlers() async throws {
        let queue = uniqueName("concurrent")
        let connection = try await TestBroker.connect("concurrent", topology: AMQPTopology(queues: [.quorum(queue)]))
        let publisher = try await connection.makePublisher()
        let count = 400
        let results = await publisher.publish(
            (0..<count).map {
                AMQPOutgoingMessage(exchange: "", routingKey: queue, body: body($0), messageId: "h-\($0)")
            })
        for result in results { try result.get() }
        let consumer = try await connection.makeConsumer(queue: queue, prefetch: 40)
        let handled = try await withThrowingTaskGroup(of: String.self) { group in
            var taken = 0
            for await delivery in consumer {
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 0...15)))
                    if Bool.random() { consumer.ack(delivery) } else { consumer.ack(delivery) }
                    return delivery.messageId ?? ""
                }
                taken += 1
                if taken == count { break }
            }
            var ids: Set<String> = []
            for try await id in group { ids.insert(id) }
            return ids
        }
        #expect(handled.count == count)
        #expect(await consumer.stopConsuming(timeout: .seconds(5)) == 0)
        #expect(try await readyCount(connection, queue, expecting: 0) == 0)
        try await connection.deleteQueue(queue)
        await connection.close()
    }
}
