import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import BridgeValues
import Foundation
import SandboxKit
import Testing

@testable import BridgeWorkers

/// The billing job on a real broker and the sandbox: a ``ProvisioningFleet`` (sandbox, clients,
/// state, product mappings, a test clock) plus an in-process usage-reporter consuming
/// `usage-reporter.work`.
struct BillingFleet {
    let job: ProvisioningFleet
    let handler: UsageReporterHandler
    let running: Task<Void, any Error>

    var fleet: TicketFleet { job.fleet }
    var harness: FleetHarness { job.harness }
    var clock: TestClock { job.clock }

    static func start(
        psa: PSAKind, companies: Int = 6, tenants: Int = 3, seed: UInt64 = 31, amqpURL: String? = nil
    ) async throws -> BillingFleet {
        let job = try await ProvisioningFleet.start(psa: psa, companies: companies, tenants: tenants, seed: seed, amqpURL: amqpURL)
        let clock = job.clock
        let handler = UsageReporterHandler(
            store: job.harness.store, settings: job.fleet.settingsCache, provider: ProvisioningProvider(clients: job.fleet.clients),
            bus: job.harness.bus, clock: { clock.now })
        var processor = job.harness.processor(.usageReporter, handler: TickRecordingHandler(store: job.harness.store, next: handler))
        processor.readiness = nil
        let service = WorkerService(
            queues: [.usageReporterWork], bus: job.harness.bus, processor: processor, prefetch: 20, concurrency: 4,
            logger: job.harness.logger)
        return BillingFleet(job: job, handler: handler, running: Task { try await service.run() })
    }

    /// Settings with the first five catalog products mapped and the usage period `mode`.
    func settingsYAML(period: String = "current-month", startDay: Int = 1, extra: String = "") -> String {
        job.settingsYAML(extra: "usagePeriod: {mode: \(period), startDay: \(startDay)}\n" + extra)
    }

    func apply(_ yaml: String) async throws {
        try await job.apply(yaml)
        await handler.provider.invalidate()
    }

    func billingJob() async throws -> BillingJob {
        try await handler.job(for: try await fleet.settingsCache.required().settings)
    }

    /// Runs a tick and waits until the usage-reporter handled every message it published.
    @discardableResult
    func tick() async throws -> UsageReporterHandler.TickReport {
        let report = try await handler.tick(try await billingJob(), slot: clock.nextSlot(), logger: harness.logger)
        try await harness.eventually("the usage-reporter handled the tick's \(report.published) messages", timeout: .seconds(60)) {
            for key in report.publishedKeys {
                let entry = try await harness.store.inboxEntry(worker: WorkerKind.usageReporter.rawValue, idempotencyKey: key)
                guard entry?.status == .done else { return false }
            }
            return true
        }
        return report
    }

    /// Sets a tenant's live usage (`name`: offering item or usage name; bytes for storage).
    func setUsage(_ tenant: String, _ values: [String: Double], period: String? = nil) async throws {
        _ = try await fleet.sandbox.setUsage(
            tenantId: tenant, values.map { UsageValue(name: $0.key, value: $0.value, period: period) })
    }

    /// Marks every contract of `customers` pay-as-you-go (Autotask) and gives each tenant random
    /// usage of every mapped product (storage in tenths of GiB).
    func payAsYouGoWithRandomUsage(_ customers: [TicketFleet.Customer]) async throws {
        let fleet = self.fleet
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, customer) in customers.enumerated() {
                if index >= 3 { try await group.next() }
                group.addTask { try await FleetOnBrokerTests.markContracts(fleet, company: customer.companyId, payg: true) }
            }
            try await group.waitForAll()
        }
        var generator = SystemRandomNumberGenerator()
        for customer in customers {
            var values: [String: Double] = [:]
            for product in ProvisioningFleet.mappedProducts {
                values[product.offeringItem] =
                    product.type == "infra"
                    ? Double(Int.random(in: 1...500, using: &generator)) * FleetOnBrokerTests.gib / 10
                    : Double(Int.random(in: 0...40, using: &generator))
            }
            try await setUsage(customer.tenantId, values)
        }
    }

    func auditActions(system: String) async throws -> [AuditRecord] {
        try await harness.store.auditEntries(targetSystem: system, limit: 10_000)
    }

    func stop() async {
        await BoundedStop.worker(running)
        await job.stop()
    }
}
