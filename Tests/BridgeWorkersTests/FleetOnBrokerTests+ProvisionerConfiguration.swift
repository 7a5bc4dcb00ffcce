import BridgeCore
import BridgeValues
import Foundation
import Testing

@testable import BridgeWorkers

/// The provisioner's configuration failures at start (issue: configuration failures pause).
extension FleetOnBrokerTests {
    @Test(
        "S3, P7 on Autotask: a provisioner started without the PSA secret exits naming it and leaves all 100 provision.company messages queued (0 dead letters); started with it, it handles them"
    )
    func provisionerWithoutSecretExits() async throws {
        let job = try await ProvisioningFleet.start(psa: .autotask)
        job.running.cancel()  // only the processes consume from here on
        _ = try? await job.running.value
        let log = job.harness.directory.appendingPathComponent("provisioner.log")
        do {
            try await job.apply(job.settingsYAML())
            for customer in job.fleet.customers { try await job.fleet.map(customer) }
            let messages = (0..<100).map { index in
                Message.provisionCompany(
                    Envelope(
                        payload: ProvisionCompany(
                            psa: .autotask, companyId: job.fleet.customers[index % job.fleet.customers.count].companyId, action: .sync)))
            }
            try await job.harness.bus.publish(messages.map(OutboundMessage.init))
            try await job.harness.eventually("100 queued") { try await job.harness.depth(WorkQueue.provisionerWork.name) == 100 }

            let misconfigured = try Self.startTicketUpdater(
                job.harness, fleet: job.fleet, instance: "nosecret", log: log, without: ["TEST_AT_SECRET"], worker: "provisioner")
            let exited = try await job.harness.eventuallyValue("the provisioner exits", timeout: .seconds(60)) {
                misconfigured.isRunning ? nil : misconfigured.terminationStatus
            }
            #expect(exited == StartupConfigurationError.exitStatus)
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            #expect(
                output.contains(
                    "provisioner@nosecret cannot start: cannot read the secret /connection/psa/autotask/secret: environment variable TEST_AT_SECRET is not set"),
                "output was: \(output)")
            #expect(try await job.harness.depth(WorkQueue.provisionerWork.name) == 100, "every message still queued")
            #expect(try await job.harness.depth(WorkQueue.provisionerWork.deadLetterQueue) == 0, "nothing dead-lettered")

            let healthy = try Self.startTicketUpdater(job.harness, fleet: job.fleet, instance: "healthy", log: log, worker: "provisioner")
            defer {
                if healthy.isRunning {
                    kill(healthy.processIdentifier, SIGTERM)
                    healthy.waitUntilExit()
                }
            }
            try await job.harness.eventually("every message handled", timeout: .seconds(120)) {
                for message in messages {
                    let entry = try await job.harness.store.inboxEntry(
                        worker: WorkerKind.provisioner.rawValue, idempotencyKey: message.idempotencyKey)
                    guard entry?.status == .done else { return false }
                }
                return true
            }
            #expect(try await job.harness.depth(WorkQueue.provisionerWork.deadLetterQueue) == 0)
        } catch {
            await job.stop()
            throw error
        }
        await job.stop()
    }
}
