import APIClients
import ArgumentParser
import BridgeCore
import BridgeRules
import BridgeState
import BridgeValues
import BridgeWorkers
import Foundation
import Logging
import SandboxKit

/// `bench billing`: the usage-reporter's tick through the whole job: the sandbox's Acronis and
/// ConnectWise or Autotask at a set latency, RabbitMQ, and `usage-reporter` processes on one
/// SQLite state file (``BenchFleet``).
///
/// Every generated company starts mapped to its customer tenant; the generated world gives about
/// 40% of agreements pay-as-you-go lines and every tenant some usage. Then:
/// - the first tick writes every PAYG line whose quantity differs from the usage;
/// - a steady tick with no usage change (target: no write);
/// - a tick after a share of tenants' usage of one counted item on a PAYG line rose by one
///   (target: one write per changed tenant).
///
/// For each tick it prints the duration (publish to the last tenant handled), the tenants the
/// tick handed on, and the calls per API and verb; at the end the peak RSS of each process.
struct BillingBenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing",
        abstract: "Measure the usage-reporter's ticks end to end (sandbox + RabbitMQ + usage-reporter processes) on ConnectWise and Autotask.")

    @Option(help: "Mapped tenants on ConnectWise.")
    var tenants = 10_000

    @Option(help: "Mapped tenants on Autotask (its 10,000 requests an hour are the limit that matters there).")
    var autotaskTenants = 1_000

    @Option(help: "Percent of tenants whose usage changes before the third tick.")
    var changedPercent: Double = 5

    @OptionGroup var options: BenchJobOptions

    func validate() throws {
        guard tenants > 0, autotaskTenants > 0 else { throw ValidationError("the tenants counts must be positive") }
        guard changedPercent > 0, changedPercent <= 100 else { throw ValidationError("--changed-percent takes a value in (0, 100]") }
    }

    func run() async throws {
        let catalog = try SchemaCatalog(directory: try options.schemaDirectory)
        var logger = Logger(label: "bench.billing")
        logger.logLevel = .error
        print(
            "billing benchmark: \(options.instances) usage-reporter processes x \(options.concurrency) concurrent, sandbox at \(options.latencyMs) ms, \(changedPercent)% of tenants' usage changed before the third tick, state on \(BenchState.name(options.state ?? ""))"
        )
        for kind in options.psaKinds {
            let run = BillingBenchmarkRun(
                psa: kind, tenants: kind == .connectWise ? tenants : autotaskTenants, changedPercent: changedPercent, options: options,
                catalog: catalog, logger: logger)
            try await run.measure()
        }
    }
}

/// One PSA's run of ``BillingBenchmarkCommand``.
struct BillingBenchmarkRun {
    var psa: PSAKind
    var tenants: Int
    var changedPercent: Double
    var options: BenchJobOptions
    var catalog: SchemaCatalog
    var logger: Logger

    func measure() async throws {
        print("\n\(psa.rawValue): \(tenants) tenants")
        let generated = Date()
        var fleet = try await BenchFleet.prepare(
            worker: .usageReporter, tickLogPrefix: "usage tick:", tickQueue: .usageReporterTicks, workQueue: .usageReporterWork,
            psa: psa, companies: tenants, options: options, catalog: catalog, logger: logger, settingsYAML: settingsYAML)
        if psa == .autotask {
            // The run counts Autotask's calls; the sandbox's hourly limit would only stop it.
            var limits = await fleet.sandbox.state.currentAutotaskLimits()
            limits.requestsPerHour = 1_000_000
            await fleet.sandbox.setAutotaskLimits(limits)
        }
        for customer in fleet.customers { try await setUsage(fleet.sandbox, tenant: customer.tenantId, base: true) }
        print(
            String(
                format: "  world: %d companies, %d mapped to their tenants, each with usage (generated in %.1f s)", tenants,
                fleet.customers.count, Date().timeIntervalSince(generated)))
        defer { fleet.cleanUp() }
        try await fleet.start()
        let (first, steady, changed, afterChange) = try await fleet.measureTicks {
            try await changeUsage(sandbox: fleet.sandbox, store: fleet.store, settings: fleet.settings)
        }

        print("  peak RSS per usage-reporter process: \(fleet.stop().joined(separator: ", "))")
        print(
            "  first tick: \(first.handedOn) tenants handed on, \(first.writes) writes; steady tick: \(steady.writes) writes, \(steady.reads) reads in \(String(format: "%.1f", steady.seconds)) s; after \(changed) tenants' usage changed: \(afterChange.handedOn) tenants handed on, \(afterChange.writes) writes"
        )
        if psa == .autotask {
            print("  Autotask calls per tick: first \(first.psaCalls), steady \(steady.psaCalls), after change \(afterChange.psaCalls)")
        }
        await fleet.finish()
    }

    /// Usage for the five mapped items: a fixed pattern from the tenant id, so each run is alike.
    private func setUsage(_ sandbox: Sandbox, tenant: String, base: Bool, raise item: String? = nil, to value: Decimal? = nil) async throws {
        if let item, let value {
            _ = try await sandbox.setUsage(tenantId: tenant, [UsageValue(name: item, value: NSDecimalNumber(decimal: value).doubleValue)])
            return
        }
        let seed = tenant.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF }
        var values: [UsageValue] = []
        for (index, product) in SandboxProduct.catalog.prefix(5).enumerated() {
            let amount = (seed >> index) % 25 + 1
            values.append(UsageValue(name: product.offeringItem, value: product.type == "infra" ? Double(amount) * 1.5 * 1_073_741_824 : Double(amount)))
        }
        _ = try await sandbox.setUsage(tenantId: tenant, values)
    }

    /// Raises by one the usage of a counted item that has a PAYG line in `changedPercent` of the
    /// tenants, chosen from the usage-reporter's own view (the billing preview), so each change is
    /// one line to write.
    /// - Returns: how many tenants changed.
    private func changeUsage(sandbox: Sandbox, store: StateStore, settings: BridgeSettings) async throws -> Int {
        let wanted = max(1, Int((Double(tenants) * changedPercent / 100).rounded()))
        let pool = try APIClientPool(
            options: .init(
                autotaskDiscoveryURL: sandbox.autotaskURL.absoluteString + "/atservicesrest", environment: BenchSandbox.secrets(sandbox)),
            logger: logger)
        defer { Task { await pool.shutdown() } }
        let job = try await BillingJob.make(for: settings, provider: ProvisioningProvider(clients: pool), store: store)
        var changed = 0
        for item in try await BillingPreview(store: store).plans(job).sorted(by: { $0.entry.tenantID < $1.entry.tenantID }) {
            guard changed < wanted, item.plan.problems.isEmpty else { continue }
            // One PAYG line of a counted item that shows the usage (the only line of its product).
            let candidates = Dictionary(grouping: item.plan.lines, by: \.productID).values.filter { $0.count == 1 }.map { $0[0] }
            guard let line = candidates.first(where: { $0.unit == .count && $0.target == $0.usage }) else { continue }
            try await setUsage(sandbox, tenant: item.entry.tenantID, base: false, raise: line.item.name, to: line.usage + 1)
            changed += 1
        }
        return changed
    }

    /// Settings: the connection, the first four catalog products and storage mapped, billing on
    /// for the current month, provisioning off.
    private func settingsYAML(_ sandbox: Sandbox) -> String {
        let mappings = SandboxProduct.catalog.prefix(5).map { product -> String in
            let psaProduct = psa == .connectWise ? product.sku : product.name
            let storage = product.type == "infra" ? "\n    defaultStorage: true" : ""
            return "  - offeringItem: {application: backup, edition: \(product.edition ?? "-"), usageName: \(product.usageName)}\n"
                + "    psaProduct: \"\(psaProduct)\"\(storage)"
        }.joined(separator: "\n")
        return BenchSandbox.connectionYAML(psa, sandbox) + """

            features:
              provisioning: false
              billing: true
              tickets: false
            usagePeriod: {mode: current-month, startDay: 1}
            productMappings:
            \(mappings)
            """
    }
}
