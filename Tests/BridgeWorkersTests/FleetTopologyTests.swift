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

    @Test("S3: every work queue has a delay queue per retry tier returning to it, and a dead-letter queue")
    func retryAndDeadLetterQueues() {
        let topology = FleetTopology()
        for queue in WorkQueue.allCases {
            let specs = topology.queues(for: queue)
            #expect(specs.first?.name == queue.name)
            #expect(specs.first?.arguments["x-queue-type"] == .string("quorum"))
            for tier in RetryPolicy.defaultTiers {
                let delay = specs.first { $0.name == tier.queueName(for: queue.name) }
                #expect(delay?.arguments["x-dead-letter-routing-key"] == .string(queue.name))
                #expect(delay?.arguments["x-dead-letter-exchange"] == .string(""))
                #expect(delay?.arguments["x-message-ttl"] == .int(Int(tier.delay.components.seconds) * 1000))
            }
            #expect(specs.last?.name == queue.deadLetterQueue)
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
