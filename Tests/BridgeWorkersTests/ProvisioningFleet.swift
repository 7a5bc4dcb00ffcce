import APIClients
import BridgeCore
import BridgeRules
import BridgeState
import BridgeValues
import Foundation
import Logging
import SandboxKit
import Synchronization
import Testing

@testable import BridgeWorkers

/// The provisioning job on a real broker and the sandbox: a ``TicketFleet`` (sandbox, clients,
/// state) with provisioning settings, an in-process provisioner consuming `provisioner.work`,
/// and a clock the test moves.
struct ProvisioningFleet {
    let harness: FleetHarness
    let fleet: TicketFleet
    let handler: ProvisionerHandler
    let clock: TestClock
    let running: Task<Void, any Error>

    /// The catalog products agreements and contracts carry, mapped in the settings.
    static let mappedProducts = Array(SandboxProduct.catalog.prefix(5))

    static func start(
        psa: PSAKind, companies: Int = 6, tenants: Int = 3, seed: UInt64 = 31, amqpURL: String? = nil
    ) async throws -> ProvisioningFleet {
        let harness = try await FleetHarness.start(amqpURL: amqpURL)
        let fleet = try await TicketFleet.start(
            psa: psa, store: harness.store, catalog: harness.catalog,
            configuration: SandboxConfiguration(world: .generate(companies: companies, tenants: tenants, alerts: 0, seed: seed)),
            logger: harness.logger)
        // Starts 0.6 ms past a whole second: the state store keeps times to the nearest
        // millisecond, so every clock it records reads back later than it was, the case where
        // "after N days" once missed its boundary by a fraction of a millisecond.
        let clock = TestClock(Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down) + 0.000_6))
        let handler = ProvisionerHandler(
            store: harness.store, settings: fleet.settingsCache, provider: ProvisioningProvider(clients: fleet.clients),
            bus: harness.bus, clock: { clock.now })
        var processor = harness.processor(.provisioner, handler: TickRecordingHandler(store: harness.store, next: handler))
        processor.readiness = nil
        let service = WorkerService(
            queues: [.provisionerWork], bus: harness.bus, processor: processor, prefetch: 20, concurrency: 4,
            logger: harness.logger)
        return ProvisioningFleet(
            harness: harness, fleet: fleet, handler: handler, clock: clock, running: Task { try await service.run() })
    }

    /// The provisioning settings of a company-name admin with the activation email to the MSP.
    static let adminFromCompanyName = "  adminFrom: company-name\n  activationEmail: onboarding@msp.example"

    /// Settings for the fleet's PSA with provisioning on and the catalog's first five products
    /// mapped (storage as the default storage).
    func settingsYAML(provisioning: String = "", deprovisioning: String = "", extra: String = "", tickets: Bool = false) -> String {
        let mappings = Self.mappedProducts.map { product -> String in
            let psaProduct = fleet.psa == .connectWise ? product.sku : product.name
            let storage = product.type == "infra" ? "\n    defaultStorage: true" : ""
            let text: String = """
                  - offeringItem: {application: backup, edition: \(product.edition ?? "-"), usageName: \(product.usageName)}
                    psaProduct: "\(psaProduct)"\(storage)
                """
            return text
        }.joined(separator: "\n")
        return fleet.settingsYAML(tickets: tickets)
            + "\nproductMappings:\n\(mappings)\n"
            + (provisioning.isEmpty ? "" : "provisioning:\n\(provisioning)\n")
            + (deprovisioning.isEmpty ? "" : "deprovisioning:\n\(deprovisioning)\n")
            + (extra.isEmpty ? "" : extra + "\n")
    }

    func apply(_ yaml: String) async throws {
        if ProcessInfo.processInfo.environment["PSA_BRIDGE_TEST_DUMP"] != nil { print(yaml) }
        try await fleet.apply(yaml)
        await handler.provider.invalidate()
    }

    /// Runs a tick and waits until the provisioner handled every message it published.
    @discardableResult
    func tick() async throws -> ProvisionerHandler.TickReport {
        let current = try await fleet.settingsCache.required().settings
        let job = try await handler.provider.context(for: current)
        if ProcessInfo.processInfo.environment["PSA_BRIDGE_TEST_DUMP"] != nil {
            for item in try await handler.preview(job) {
                print(item.entry.facts.mapping, item.entry.facts.lines.count, item.entry.facts.tenant?.offeringItems.count ?? -1)
                print(item.plan.description)
            }
            print(job.setup.planner.mappings)
        }
        let report = try await handler.tick(job, slot: clock.nextSlot(), logger: harness.logger)
        try await harness.eventually("the provisioner handled the tick's \(report.published) messages", timeout: .seconds(60)) {
            for key in report.publishedKeys {
                let entry = try await harness.store.inboxEntry(worker: WorkerKind.provisioner.rawValue, idempotencyKey: key)
                guard entry?.status == .done else { return false }
            }
            return true
        }
        return report
    }

    /// The companies the in-process planner would give a new tenant (P4) under `settings`.
    func companiesPlannedForNewTenant(_ settings: BridgeSettings) async throws -> Set<String> {
        let context = try await handler.provider.context(for: settings)
        return Set(
            try await handler.preview(context).filter { item in
                item.plan.changes.contains { $0.isTenantCreation }
            }.map(\.entry.facts.company.id))
    }

    // MARK: The sandbox's view

    /// The offering items of a tenant as the cloud holds them, by name.
    func items(tenant: String) async -> [String: JSONObject] {
        let records = await fleet.sandbox.state.records(AcronisWorld.Table.offeringItems).filter {
            $0["tenant_id"]?.stringValue?.lowercased() == tenant.lowercased()
        }
        return Dictionary(records.compactMap { record in record["name"]?.stringValue.map { ($0, record) } }, uniquingKeysWith: { a, _ in a })
    }

    /// "disabled", "unlimited" or the quota value of an item.
    static func quota(_ item: JSONObject?) -> String {
        guard let item, item["status"]?.intValue == 1 else { return "disabled" }
        guard let value = item["quota"]?["value"].doubleValue else { return "unlimited" }
        return String(Int(value))
    }

    func tenants() async -> [JSONObject] {
        await fleet.sandbox.state.records(AcronisWorld.Table.tenants).filter { $0["deleted_at"]?.isNull ?? true }
    }

    /// A file in the test's own folder.
    func directory(_ name: String) -> URL { harness.directory.appendingPathComponent(name) }

    func mapping(_ companyID: String) async throws -> CompanyMapping? {
        try await harness.store.companyMapping(psa: fleet.psa, companyId: companyID)
    }

    func stop() async {
        await BoundedStop.worker(running)
        await fleet.stop()
        await harness.stop()
    }
}

/// A clock the test moves.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(days: Int) { current.withLock { $0 = $0.addingTimeInterval(Double(days) * 86_400) } }

    func advance(seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    private let slots = Mutex(0)

    /// A tick slot no earlier tick of this test used (each tick is its own slot, as the
    /// scheduler's are, however the test moves the clock).
    func nextSlot() -> Date {
        let number = slots.withLock { value -> Int in
            value += 1
            return value
        }
        return Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 900).rounded(.down) * 900 + Double(number) * 900)
    }
}
