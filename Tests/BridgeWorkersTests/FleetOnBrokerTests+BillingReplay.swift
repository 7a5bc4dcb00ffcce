import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// Usage messages that earlier releases dead-lettered ("not implemented") replay into billing.
extension FleetOnBrokerTests {
    @Test(
        "B1, B8, S3 on ConnectWise: a usage.tenant an earlier release dead-lettered as not implemented is replayed into the billing handler, which writes the usage once"
    )
    func deadLetteredUsageReplaysIntoBilling() async throws {
        let billing = try await BillingFleet.start(psa: .connectWise)
        do {
            try await billing.apply(billing.settingsYAML())
            let fleet = billing.fleet
            var chosen: TicketFleet.Customer?
            for customer in fleet.customers where await Self.additionsByProduct(fleet, company: customer.companyId)["ACR-WORKSTATIONS"] != nil {
                chosen = customer
                break
            }
            let customer = try #require(chosen, "a generated customer with a workstations addition")
            try await fleet.map(customer)
            try await Self.setAdditions(fleet, company: customer.companyId, quantity: 1, payg: ["ACR-WORKSTATIONS"])
            try await billing.setUsage(customer.tenantId, ["pw_base_workstations": 13])

            // What an earlier release left: the message's inbox row failed for good, and the
            // message in usage-reporter.work.dead with the pipeline's dead-letter headers.
            let today = CalendarDay(containing: billing.clock.now)
            let message = Message.usageTenant(
                Envelope(
                    payload: UsageTenant(
                        psa: .connectWise, tenantId: customer.tenantId, companyId: customer.companyId, tickSlot: billing.clock.nextSlot(),
                        periodStart: CalendarDate(today.firstOfMonth), periodEnd: CalendarDate(today.firstOfMonth.adding(months: 1).adding(days: -1)))))
            let reason = "billing (SPEC B1-B8) is not implemented yet in this release"
            let store = billing.harness.store
            _ = try await store.claimMessage(
                worker: WorkerKind.usageReporter.rawValue, messageId: message.messageId.uuidString.lowercased(),
                idempotencyKey: message.idempotencyKey)
            _ = try await store.failMessage(
                worker: WorkerKind.usageReporter.rawValue, idempotencyKey: message.idempotencyKey, error: reason, permanent: true)
            var letter = OutboundMessage(message)
            letter.exchange = FleetTopology.deadExchange
            letter.routingKey = WorkQueue.usageReporterWork.name
            letter.headers[BridgeHeaders.deadReason] = .string("permanent")
            letter.headers[BridgeHeaders.deadDetail] = .string(reason)
            letter.headers[BridgeHeaders.sourceQueue] = .string(WorkQueue.usageReporterWork.name)
            letter.headers[BridgeHeaders.originalExchange] = .string(FleetTopology.workExchange)
            letter.headers[BridgeHeaders.originalRoutingKey] = .string("usage.tenant")
            try await billing.harness.bus.publish([letter])
            let dead = WorkQueue.usageReporterWork.deadLetterQueue
            try await billing.harness.eventually("the old dead letter queued") { try await billing.harness.depth(dead) == 1 }
            let operations = DeadLetterOperations(admin: billing.harness.bus)
            #expect(try await operations.list(queue: dead).first?.detail == reason)

            let replayed = try await operations.replay(queue: dead, selection: .all)
            #expect(replayed.affected == 1 && replayed.failures.isEmpty)
            try await billing.harness.eventually("the replayed message handled") {
                try await store.inboxEntry(worker: WorkerKind.usageReporter.rawValue, idempotencyKey: message.idempotencyKey)?.status == .done
            }
            let workstations = await Self.additionsByProduct(fleet, company: customer.companyId)["ACR-WORKSTATIONS"] ?? []
            #expect(workstations.map(Self.quantity).reduce(0, +) == 13, "B1: the replayed message wrote the usage")
            let writes = try await billing.auditActions(system: "connectwise").filter { $0.entry.action == "addition.quantity" }
            #expect(writes.count == workstations.filter { Self.quantity($0) != 1 }.count, "each changed line written once")
            #expect(writes.allSatisfy { $0.entry.messageId == message.messageId.uuidString.lowercased() })

            // B8: a second replay of the same message (had it been kept twice) changes nothing.
            try await billing.harness.bus.publish([OutboundMessage(message)])
            try await billing.harness.eventually("the duplicate consumed") {
                try await billing.harness.depth(WorkQueue.usageReporterWork.name) == 0
            }
            #expect(try await billing.auditActions(system: "connectwise").filter { $0.entry.action == "addition.quantity" }.count == writes.count)
            #expect(try await billing.harness.depth(dead) == 0)
        } catch {
            await billing.stop()
            throw error
        }
        await billing.stop()
    }
}
