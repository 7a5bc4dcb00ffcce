import BridgeTestSupport
import Foundation
import Testing

@testable import AMQPTransport

@Suite("Recovery from a broker restart (private broker)", .serialized)
struct BrokerRestartTests {
    @Test("S4/T4 broker restart: consumer and publisher reconnect and carry on, nothing lost; stale acks are dropped")
    func brokerRestart() async throws {
        let broker = try PrivateBroker()
        do {
            try await withTimeout(.seconds(300), "the broker restart scenario") {
                try await Self.restartScenario(broker)
            }
        } catch {
            await broker.destroy()
            throw error
        }
        await broker.destroy()
    }

    @Test(
        "heartbeats: an idle connection stays up; a frozen broker is noticed by missed heartbeats and the connection recovers"
    )
    func heartbeats() async throws {
        let broker = try PrivateBroker()
        let url = try await broker.start()
        let pidText = try String(contentsOf: broker.directory.appendingPathComponent("rabbit.pid"), encoding: .utf8)
        guard let brokerPID = pid_t(pidText.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            await broker.destroy()
            throw TestFailure("no broker pid in rabbit.pid: \(pidText)")
        }
        do {
            try await withTimeout(.seconds(180), "the heartbeat scenario") {
                try await Self.heartbeatScenario(url: url, brokerPID: brokerPID)
            }
        } catch {
            kill(brokerPID, SIGCONT)  // Never leave the test's own broker frozen.
            await broker.destroy()
            throw error
        }
        await broker.destroy()
    }

    private static func heartbeatScenario(url: String, brokerPID: pid_t) async throws {
        var configuration = try AMQPConfiguration(url: url, connectionName: "psa-test.heartbeat")
        configuration.heartbeat = .seconds(1)
        configuration.connectTimeout = .seconds(2)
        configuration.reconnect = AMQPReconnectPolicy(
            initialDelay: .milliseconds(100), maximumDelay: .milliseconds(500))
        let queue = uniqueName("heartbeat")
        let connection = try await TestBroker.connect(
            configuration: configuration, topology: AMQPTopology(queues: [.quorum(queue)]))
        let consumer = try await connection.makeConsumer(queue: queue)

        // Idle for four heartbeat intervals: the loop's heartbeats keep the connection alive.
        try await Task.sleep(for: .seconds(4))
        #expect(connection.isConnected)
        #expect(connection.reconnectCount == 0)
        #expect(connection.lastError == nil)

        // A frozen broker sends nothing; two missed intervals and the connection is declared dead.
        kill(brokerPID, SIGSTOP)
        let frozenAt = ContinuousClock.now
        try await eventually("the dead peer is noticed", timeout: .seconds(15)) { connection.state == .reconnecting }
        #expect(ContinuousClock.now - frozenAt < .seconds(6))
        #expect(connection.lastError?.contains("heartbeat") == true, "\(connection.lastError ?? "no error")")
        kill(brokerPID, SIGCONT)

        try await eventually("the connection is back", timeout: .seconds(60)) { connection.isConnected }
        #expect(connection.reconnectCount >= 1)
        try await eventually("the consumer is back") { consumer.isConsuming }
        let publisher = try await connection.makePublisher()
        try await publisher.publish(
            AMQPOutgoingMessage(exchange: "", routingKey: queue, body: body(1), messageId: "alive"))
        #expect(try await collect(consumer, count: 1).first?.messageId == "alive")
        await connection.close()
    }

    private static func restartScenario(_ broker: PrivateBroker) async throws {
        let url = try await broker.start()
        let queue = uniqueName("restart")
        func configuration(_ name: String) throws -> AMQPConfiguration {
            var configuration = try AMQPConfiguration(url: url, connectionName: "psa-test.restart.\(name)")
            configuration.reconnect = AMQPReconnectPolicy(
                initialDelay: .milliseconds(100), maximumDelay: .milliseconds(800))
            configuration.connectTimeout = .seconds(3)
            return configuration
        }
        let topology = AMQPTopology(queues: [.quorum(queue)])
        let consuming = try await TestBroker.connect(configuration: configuration("consumer"), topology: topology)
        let publishing = try await TestBroker.connect(configuration: configuration("publisher"), topology: topology)

        // Login sent connection_name and the capabilities that make broker-side cancels visible.
        let connections = try await broker.ctl(["list_connections", "client_properties"])
        #expect(connections.contains("psa-test.restart.consumer"))
        #expect(connections.contains("consumer_cancel_notify"))
        #expect(connections.contains("connection.blocked"))

        let publisher = try await publishing.makePublisher()
        let consumer = try await consuming.makeConsumer(queue: queue, prefetch: 20)
        func message(_ index: Int) -> AMQPOutgoingMessage {
            AMQPOutgoingMessage(exchange: "", routingKey: queue, body: body(index), messageId: "p-\(index)")
        }
        for result in await publisher.publish((0..<50).map(message)) { try result.get() }

        // Take all 50; ack 45, hold the last 5 unacked across the restart.
        var iterator = consumer.makeAsyncIterator()
        var held: [AMQPDelivery] = []
        for _ in 0..<50 {
            guard let delivery = await iterator.next() else { throw TestFailure("consumer ended early") }
            if held.count < 5 && Int(delivery.messageId!.dropFirst(2))! >= 45 {
                held.append(delivery)
            } else {
                consumer.ack(delivery)
            }
        }
        #expect(held.count == 5)

        try await broker.stop()
        try await eventually("both connections notice the broker is gone") {
            consuming.state == .reconnecting && publishing.state == .reconnecting
        }
        await #expect(throws: AMQPError.notConnected) { try await consuming.queueStatus(queue) }
        // Publishes made while the broker is down wait for the reconnect.
        let duringOutage = Task { await publisher.publish((50..<100).map(message)) }
        try await Task.sleep(for: .milliseconds(300))

        try await broker.start()
        try await eventually("both connections are back", timeout: .seconds(60)) {
            consuming.isConnected && publishing.isConnected
        }
        #expect(consuming.reconnectCount >= 1)
        #expect(publishing.reconnectCount >= 1)

        // Whatever could not be confirmed is republished, as a caller does with retriable errors.
        var results = await duringOutage.value
        for attempt in 0..<5 where results.contains(where: { (try? $0.get()) == nil }) {
            let retry = results.indices.filter { (try? results[$0].get()) == nil }
            for index in retry {
                if case .failure(let error) = results[index] {
                    #expect(error.isRetriable, "\(error)")
                }
            }
            let again = await publisher.publish(retry.map { message(50 + $0) })
            for (offset, index) in retry.enumerated() { results[index] = again[offset] }
            if attempt == 4 { Issue.record("publishes still failing after 5 attempts") }
        }

        // Acks of the dead generation are dropped; the new channel is unharmed.
        try await eventually("the consumer consumes again") { consumer.isConsuming }
        let restartsBefore = consumer.restarts
        for delivery in held { consumer.ack(delivery) }

        let expected = Set((45..<100).map { "p-\($0)" })
        let remaining = iterator
        let received: [String: AMQPDelivery] = try await withThrowingTaskGroup(of: [String: AMQPDelivery].self) {
            group in
            group.addTask {
                try await Task.sleep(for: .seconds(60))
                throw TestFailure("timed out waiting for the messages after the restart")
            }
            group.addTask {
                var iterator = remaining
                var seen: [String: AMQPDelivery] = [:]
                while !expected.isSubset(of: Set(seen.keys)), let delivery = await iterator.next() {
                    consumer.ack(delivery)
                    if seen[delivery.messageId!] == nil { seen[delivery.messageId!] = delivery }
                }
                return seen
            }
            let first = try await group.next()!
            group.cancelAll()
            return first
        }
        #expect(expected.isSubset(of: Set(received.keys)), "nothing lost")
        for delivery in held {
            #expect(received[delivery.messageId!]?.redelivered == true, "\(delivery.messageId!) came back redelivered")
            #expect(received[delivery.messageId!]?.generation != delivery.generation)
        }
        #expect(consumer.restarts == restartsBefore, "the stale acks did not close the new channel")
        #expect(try await readyCount(consuming, queue, expecting: 0) == 0)
        #expect(await consumer.stopConsuming(timeout: .seconds(5)) == 0)
        await publishing.close()
        await consuming.close()
    }
}
