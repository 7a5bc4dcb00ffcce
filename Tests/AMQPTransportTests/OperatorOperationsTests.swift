import Foundation
import Testing

@testable import AMQPTransport

@Suite("Operator operations: depth, purge, basic.get (real broker)")
struct OperatorOperationsTests {
    @Test(
        "S1 queue depth and consumer count through a passive declare; 404 for a missing queue, then the control channel recovers"
    )
    func depth() async throws {
        let queue = uniqueName("depth")
        let connection = try await TestBroker.connect("depth", topology: AMQPTopology(queues: [.quorum(queue)]))
        let publisher = try await connection.makePublisher()
        for result in await publisher.publish(
            (0..<7).map { AMQPOutgoingMessage(exchange: "", routingKey: queue, body: body($0)) })
        {
            try result.get()
        }
        let status = try await connection.queueStatus(queue)
        #expect(status == AMQPQueueStatus(name: queue, messageCount: 7, consumerCount: 0))
        await #expect {
            _ = try await connection.queueStatus(uniqueName("absent"))
        } throws: { error in
            guard let error = error as? AMQPError, case .channelClosed(404, _) = error else { return false }
            return true
        }
        let consumer = try await connection.makeConsumer(queue: queue, prefetch: 1)
        try await eventually("the consumer is counted") { try await connection.queueStatus(queue).consumerCount == 1 }
        await consumer.stopConsuming(timeout: .milliseconds(100))
        #expect(try await connection.purgeQueue(queue) == 7)
        #expect(try await connection.queueStatus(queue).messageCount == 0)
        try await connection.deleteQueue(queue)
        await connection.close()
    }

    @Test("S3 dead-letter replay shape: basic.get N, republish with confirms, then ack; reject requeues")
    func getRepublishAck() async throws {
        let dlq = uniqueName("dlq")
        let target = uniqueName("target")
        let connection = try await TestBroker.connect(
            "replay", topology: AMQPTopology(queues: [.quorum(dlq), .quorum(target)]))
        let publisher = try await connection.makePublisher()
        for result in await publisher.publish(
            (0..<5).map {
                AMQPOutgoingMessage(
                    exchange: "", routingKey: dlq, body: body($0), messageId: "dead-\($0)",
                    headers: ["psa-attempt": .int(5), "psa-reason": "boom"])
            })
        { try result.get() }

        // Reject with requeue puts the message back.
        let peek = try #require(try await connection.basicGet(from: dlq))
        #expect(peek.remainingMessageCount == 4)
        try await connection.reject(peek, requeue: true)
        await #expect(throws: AMQPError.staleDelivery(deliveryTag: peek.deliveryTag)) {
            try await connection.ack(peek)  // already settled
        }

        // The reject is a one-way frame; the quorum queue applies it shortly after.
        let depth = try await readyCount(connection, dlq, expecting: 5)
        #expect(depth == 5)
        var replayed: [String] = []
        for _ in 0..<depth {
            guard let delivery = try await connection.basicGet(from: dlq) else { break }
            #expect(delivery.consumerTag == "")
            // A failing operation on the control channel does not disturb the get channel.
            _ = try? await connection.queueStatus(uniqueName("absent"))
            var headers = delivery.headers.filter { !$0.key.hasPrefix("x-") }
            headers["psa-attempt"] = .int(0)
            headers["psa-replay-count"] = .int(1)
            try await publisher.publish(
                AMQPOutgoingMessage(
                    exchange: "", routingKey: target, body: delivery.body, messageId: delivery.messageId,
                    headers: headers))
            try await connection.ack(delivery)
            replayed.append(delivery.messageId ?? "")
        }
        #expect(Set(replayed) == Set((0..<5).map { "dead-\($0)" }))
        #expect(try await connection.basicGet(from: dlq) == nil)
        #expect(try await readyCount(connection, dlq, expecting: 0) == 0)
        let consumer = try await connection.makeConsumer(queue: target)
        let moved = try await collect(consumer, count: 5)
        #expect(moved.allSatisfy { $0.headers["psa-replay-count"] == .int(1) && $0.headers["psa-reason"] == "boom" })
        await consumer.stopConsuming(timeout: .seconds(2))
        try await connection.deleteQueue(dlq)
        try await connection.deleteQueue(target)
        await connection.close()
    }

    @Test("declare() adds exchanges, queues and bindings; topic routing reaches the bound queue")
    func declareAndRoute() async throws {
        let exchange = uniqueName("work")
        let queue = uniqueName("usage")
        let deadLetters = uniqueName("usage-dlq")
        let connection = try await TestBroker.connect("declare")
        try await connection.declare(
            AMQPTopology(
                exchanges: [.init(exchange, kind: .topic), .init(exchange + ".dead", kind: .fanout)],
                queues: [
                    .quorum(queue, deadLetterExchange: exchange + ".dead", deliveryLimit: 5),
                    .quorum(deadLetters, maxLength: 1000, overflow: .rejectPublish, deadLetterStrategy: .atLeastOnce),
                ],
                bindings: [
                    .init(queue: queue, exchange: exchange, routingKey: "usage.*"),
                    .init(queue: deadLetters, exchange: exchange + ".dead"),
                ]))
        // Declaring the same again is idempotent; a different definition is a 406.
        try await connection.declare(
            AMQPTopology(queues: [.quorum(queue, deadLetterExchange: exchange + ".dead", deliveryLimit: 5)]))
        await #expect {
            try await connection.declare(AMQPTopology(queues: [.quorum(queue, deliveryLimit: 9)]))
        } throws: { error in
            guard let error = error as? AMQPError, case .channelClosed(406, _) = error else { return false }
            return !error.isRetriable
        }
        let publisher = try await connection.makePublisher()
        try await publisher.publish(AMQPOutgoingMessage(exchange: exchange, routingKey: "usage.tenant", body: body(1)))
        await #expect(throws: AMQPError.self) {
            try await publisher.publish(AMQPOutgoingMessage(exchange: exchange, routingKey: "other.key", body: body(2)))
        }
        // Rejected without requeue: dead-lettered with x-death.
        let consumer = try await connection.makeConsumer(queue: queue)
        let delivery = try #require(try await collect(consumer, count: 1, ack: false).first)
        consumer.reject(delivery, requeue: false)
        var deadLettered: AMQPDelivery? = nil
        try await eventually("the rejected message is dead-lettered") {
            deadLettered = try await connection.basicGet(from: deadLetters)
            return deadLettered != nil
        }
        let dead = try #require(deadLettered)
        let death = dead.headers["x-death"]?.arrayValue?.first?.tableValue
        #expect(death?["reason"] == "rejected")
        #expect(death?["queue"]?.stringValue == queue)
        #expect(death?["count"]?.intValue == 1)
        try await connection.ack(dead)
        await consumer.stopConsuming(timeout: .seconds(2))
        try await connection.deleteQueue(queue)
        try await connection.deleteQueue(deadLetters)
        try await connection.deleteExchange(exchange)
        try await connection.deleteExchange(exchange + ".dead")
        await connection.close()
    }
}
