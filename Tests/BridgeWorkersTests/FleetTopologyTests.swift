import BridgeCore
import BridgeValues
import Foundation
import Testing

@testable import BridgeWorkers

@Suite("Fleet topology")
struct FleetTopologyTests {
    @Test("deploy/rabbitmq/definitions.json is the topology the workers declare")
    func definitionsFileMatchesCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = root.appendingPathComponent("deploy/rabbitmq/definitions.json")
        let onDisk = try JSONValue(parsing: Data(contentsOf: file))
        #expect(onDisk == FleetTopology().definitions(), "regenerate with: bridgectl topology definitions > deploy/rabbitmq/definitions.json")
    }

    @Test("S3: every work queue is a quorum queue with a dead-letter queue, and no delay queue (retries wait in the state)")
    func workAndDeadLetterQueues() {
        let topology = FleetTopology()
        for queue in WorkQueue.allCases {
            let specs = topology.queues(for: queue)
            #expect(specs.map(\.name) == [queue.name, queue.deadLetterQueue])
            #expect(specs.first?.arguments["x-queue-type"] == .string("quorum"))
            #expect(specs.allSatisfy { $0.kind == .quorum && $0.arguments["x-message-ttl"] == nil })
            #expect(topology.bindings(for: queue).contains(
                BindingSpec(exchange: FleetTopology.deadExchange, queue: queue.deadLetterQueue, routingKey: queue.name)))
        }
    }

    @Test("a queue name of any tier maps back to its work queue")
    func queueLookup() {
        #expect(WorkQueue(anyQueueName: "ticket-updater.work.dead") == .ticketUpdaterWork)
        #expect(WorkQueue(anyQueueName: "provisioner.ticks.retry.30s") == .provisionerTicks)
        #expect(WorkQueue(anyQueueName: "provisioner") == nil)
    }
}
