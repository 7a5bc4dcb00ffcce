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

/// `bench provisioning`: the provisioner's tick through the whole job: the sandbox's Acronis and
/// ConnectWise or Autotask at a set latency, RabbitMQ, and `provisioner` processes (the release
/// executables beside this one, each with its own broker connections, state connections and
/// HTTP clients) on one SQLite state file.
///
/// Every generated company starts mapped to its customer tenant (as after `bridgectl map`), so
/// the first tick reads everything and writes what differs from the plan. Then:
/// - a steady tick with nothing changed (target: no write);
/// - a tick after a share of companies had one prepaid line's quantity raised by one
///   (target: one quota write per changed company).
///
/// For each tick it prints the duration (publish to the last company handled), the companies the
/// tick handed on, and the calls per API and verb; at the end the peak RSS of each process.
struct ProvisioningBenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provisioning",
        abstract: "Measure the provisioner's ticks end to end (sandbox + RabbitMQ + provisioner processes) on ConnectWise and Autotask.")

    @Option(help: "Companies (each with a mapped customer tenant) on ConnectWise.")
    var companies = 10_000

    @Option(help: "Companies on Autotask (its 10,000 requests an hour are the limit that matters there).")
    var autotaskCompanies = 1_000

    @Option(help: "Percent of companies whose line changes before the third tick.")
    var changedPercent: Double = 1

    @OptionGroup var options: BenchJobOptions

    func validate() throws {
        guard companies > 0, autotaskCompanies > 0 else { throw ValidationError("the companies counts must be positive") }
        guard changedPercent > 0, changedPercent <= 100 else { throw ValidationError("--changed-percent takes a value in (0, 100]") }
    }

    func run() async throws {
        let catalog = try SchemaCatalog(directory: try options.schemaDirectory)
        var logger = Logger(label: "bench.provisioning")
        logger.logLevel = .error
        print(
            "provisioning benchmark: \(options.instances) provisioner processes x \(options.concurrency) concurrent, sandbox at \(options.latencyMs) ms, \(changedPercent)% of companies changed before the third tick, state on \(BenchState.name(options.state ?? ""))"
        )
        for kind in options.psaKinds {
            let run = ProvisioningBenchmarkRun(
                psa: kind, companies: kind == .connectWise ? companies : autotaskCompanies, changedPercent: changedPercent,
                options: options, catalog: catalog, logger: logger)
            try await run.measure()
        }
    }
}

/// One PSA's run of ``ProvisioningBenchmarkCommand``.
struct ProvisioningBenchmarkRun {
    var psa: PSAKind
    var companies: Int
    var changedPercent: Double
    var options: BenchJobOptions
    var catalog: SchemaCatalog
    var logger: Logger

    func measure() async throws {
        print("\n\(psa.rawValue): \(companies) companies")
        let generated = Date()
        var fleet = try await BenchFleet.prepare(
            worker: .provisioner, tickLogPrefix: "provisioning tick:", tickQueue: .provisionerTicks, workQueue: .provisionerWork,
            psa: psa, companies: companies, options: options, catalog: catalog, logger: logger, settingsYAML: settingsYAML)
        print(
            String(
                format: "  world: %d companies, %d mapped to their tenants (generated in %.1f s)", companies, fleet.customers.count,
                Date().timeIntervalSince(generated)))
        defer { fleet.cleanUp() }
        try await fleet.start()
        let (first, steady, changed, afterChange) = try await fleet.measureTicks {
            try await changeLines(sandbox: fleet.sandbox, store: fleet.store, settings: fleet.settings)
        }

        print("  peak RSS per provisioner process: \(fleet.stop().joined(separator: ", "))")
        print(
            "  steady tick: \(steady.writes) writes, \(steady.reads) reads in \(String(format: "%.1f", steady.seconds)) s; after \(changed) changed lines: \(afterChange.handedOn) companies handed on, \(afterChange.writes) writes"
        )
        if psa == .autotask {
            print("  Autotask calls per tick: first \(first.psaCalls), steady \(steady.psaCalls), after change \(afterChange.psaCalls)")
        }
        await fleet.finish()
    }

    /// Raises one prepaid line of a mapped product by one unit in `changedPercent` of the
    /// companies, through the PSA's own API. The line is chosen from the provisioner's own view
    /// (the preview): a mapped company in scope whose tenant may be written, a line active today, and no pay-as-you-go line of that
    /// product, so the raise changes the quota.
    /// - Returns: how many companies changed.
    private func changeLines(sandbox: Sandbox, store: StateStore, settings: BridgeSettings) async throws -> Int {
        let wanted = max(1, Int((Double(companies) * changedPercent / 100).rounded()))
        let pool = try APIClientPool(
            options: .init(
                autotaskDiscoveryURL: sandbox.autotaskURL.absoluteString + "/atservicesrest", environment: BenchSandbox.secrets(sandbox)),
            logger: logger)
        defer { Task { await pool.shutdown() } }
        let context = try await ProvisioningProvider(clients: pool).context(for: settings)
        let mappedProducts = Set(context.setup.planner.mappings.compactMap(\.product))
        let today = CalendarDay(containing: Date())
        var chosen: [ContractLine] = []
        let items = try await ProvisioningPreview(store: store).plans(context)
        for item in items.sorted(by: { $0.entry.facts.company.id < $1.entry.facts.company.id }) where chosen.count < wanted {
            // Mapped, in scope, and a tenant the integration may write (not self-service).
            guard item.plan.outOfScope == nil, item.entry.mapping?.status == .mapped, item.plan.problems.isEmpty else { continue }
            let active = item.entry.facts.lines.filter { $0.isActive(on: today) && mappedProducts.contains($0.productID) }
            let payg = Set(active.filter { $0.billing != .prepaid }.map(\.productID))
            if let line = active.first(where: { $0.billing == .prepaid && !payg.contains($0.productID) }) { chosen.append(line) }
        }
        switch try await pool.psa(settings.connection) {
        case .connectWise(let client):
            for line in chosen {
                let quantity = NSDecimalNumber(decimal: line.quantity).doubleValue
                _ = try await client.patchAddition(agreementID: line.contractID, id: line.id, [.replace("quantity", with: .number(quantity + 1))])
            }
        case .autotask(let client):
            for line in chosen {
                _ = try await client.createContractServiceAdjustment(
                    ATContractServiceAdjustment(
                        contractID: line.contractID, contractServiceID: line.id, effectiveDate: Date().addingTimeInterval(-60), unitChange: 1))
            }
        }
        return chosen.count
    }

    /// Settings: the connection, the first four catalog products and storage mapped, provisioning on.
    private func settingsYAML(_ sandbox: Sandbox) -> String {
        let mappings = SandboxProduct.catalog.prefix(5).map { product -> String in
            let psaProduct = psa == .connectWise ? product.sku : product.name
            let storage = product.type == "infra" ? "\n    defaultStorage: true" : ""
            return "  - offeringItem: {application: backup, edition: \(product.edition ?? "-"), usageName: \(product.usageName)}\n"
                + "    psaProduct: \"\(psaProduct)\"\(storage)"
        }.joined(separator: "\n")
        return BenchSandbox.connectionYAML(psa, sandbox) + """

            features:
              provisioning: true
              billing: false
              tickets: false
            productMappings:
            \(mappings)
            """
    }
}
