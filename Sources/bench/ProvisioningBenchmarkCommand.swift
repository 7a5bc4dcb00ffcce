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

    @Option(help: "Broker URL (default: $PSA_BRIDGE_TEST_AMQP_URL, else amqp://guest:guest@127.0.0.1:5672/%2F). Its fleet queues are purged.")
    var amqpURL: String?

    @Option(help: "Companies (each with a mapped customer tenant) on ConnectWise.")
    var companies = 10_000

    @Option(help: "Companies on Autotask (its 10,000 requests an hour are the limit that matters there).")
    var autotaskCompanies = 1_000

    @Option(help: "PSAs to measure: connectwise, autotask (comma-separated).")
    var psa = "connectwise,autotask"

    @Option(help: "Sandbox latency in milliseconds, applied to the three APIs during the ticks.")
    var latencyMs = 100

    @Option(help: "provisioner processes.")
    var instances = 2

    @Option(help: "Messages each provisioner process handles at once.")
    var concurrency = 16

    @Option(help: "Percent of companies whose line changes before the third tick.")
    var changedPercent: Double = 1

    @Option(help: "Directory of the JSON Schemas (default: found from the working directory).")
    var schemas: String?

    @Option(help: "Seconds a tick may take before the run is reported as incomplete.")
    var timeout: Double = 1200

    @Flag(help: "Also print each tick's calls per route.")
    var routes = false

    func validate() throws {
        guard companies > 0, autotaskCompanies > 0, instances > 0, concurrency > 0, latencyMs >= 0 else {
            throw ValidationError("companies, instances and concurrency must be positive, the latency not negative")
        }
        guard changedPercent > 0, changedPercent <= 100 else { throw ValidationError("--changed-percent takes a value in (0, 100]") }
        for name in psaList { guard name != nil else { throw ValidationError("--psa takes connectwise and/or autotask") } }
    }

    var psaList: [PSAKind?] {
        psa.split(separator: ",").map { PSAKind(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
    }

    func run() async throws {
        let url = amqpURL ?? ProcessInfo.processInfo.environment["PSA_BRIDGE_TEST_AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5672/%2F"
        let schemaDirectory = try schemas.map { URL(fileURLWithPath: $0) } ?? SchemaCatalog.locate()
        let catalog = try SchemaCatalog(directory: schemaDirectory)
        var logger = Logger(label: "bench.provisioning")
        logger.logLevel = .error
        print(
            "provisioning benchmark: \(instances) provisioner processes x \(concurrency) concurrent, sandbox at \(latencyMs) ms, \(changedPercent)% of companies changed before the third tick"
        )
        for kind in psaList.compactMap({ $0 }) {
            let run = ProvisioningBenchmarkRun(
                psa: kind, companies: kind == .connectWise ? companies : autotaskCompanies, latencyMs: latencyMs,
                instances: instances, concurrency: concurrency, changedPercent: changedPercent, timeout: timeout, routes: routes,
                url: url, catalog: catalog, schemas: schemaDirectory, logger: logger)
            try await run.measure()
        }
    }
}

/// One PSA's run of ``ProvisioningBenchmarkCommand``.
struct ProvisioningBenchmarkRun {
    var psa: PSAKind
    var companies: Int
    var latencyMs: Int
    var instances: Int
    var concurrency: Int
    var changedPercent: Double
    var timeout: Double
    var routes: Bool
    var url: String
    var catalog: SchemaCatalog
    var schemas: URL
    var logger: Logger


    var sandboxPSA: SandboxAPI { psa == .connectWise ? .connectWise : .autotask }

    func measure() async throws {
        print("\n\(psa.rawValue): \(companies) companies")
        let generated = Date()
        let sandbox = try await Sandbox.start(
            SandboxConfiguration(world: .generate(companies: companies, tenants: companies, alerts: 0, seed: 11)))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-provisioning-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("state.sqlite").path
        let store = try StateStore(path: path)
        let settings = try SettingsLoader(catalog: catalog).load(yaml: settingsYAML(sandbox), source: "bench settings")
        _ = try await store.applySettings(settings.jsonValue.serialized(), appliedBy: "bench")
        let mapped = try await BenchSandbox.mapCustomers(psa, sandbox: sandbox, store: store).count
        print(String(format: "  world: %d companies, %d mapped to their tenants (generated in %.1f s)", companies, mapped, Date().timeIntervalSince(generated)))

        let bus = try await AMQPMessageBus.connect(url: url, name: "bench.provisioning", logger: logger)
        for queue in FleetTopology().queues { _ = try await bus.purge(queue.name) }
        var workers: [Process] = []
        var logs: [URL] = []
        defer {
            for worker in workers where worker.isRunning {
                kill(worker.processIdentifier, SIGKILL)
                worker.waitUntilExit()
            }
        }
        for index in 1...instances {
            let log = directory.appendingPathComponent("provisioner-\(index).log")
            workers.append(try startProvisioner(index: index, sandbox: sandbox, statePath: path, log: log))
            logs.append(log)
        }
        try await waitForConsumers(bus: bus, count: instances)

        var latency = FaultSettings.none
        latency.latencyMs = latencyMs
        func setLatency(_ settings: FaultSettings) async {
            for api in [SandboxAPI.acronis, sandboxPSA] { await sandbox.setFaults(settings, for: api) }
        }
        await setLatency(latency)

        let slotStart = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 900).rounded(.down) * 900)
        print("  tick                 seconds  handed on  calls by API and verb")
        let first = try await tick(
            "first (all mapped)", slot: slotStart, sandbox: sandbox, store: store, bus: bus, logs: logs)
        let steady = try await tick(
            "steady, no change", slot: slotStart.addingTimeInterval(900), sandbox: sandbox, store: store, bus: bus, logs: logs)

        await setLatency(.none)
        let changed = try await changeLines(sandbox: sandbox, store: store, settings: settings)
        await setLatency(latency)
        let afterChange = try await tick(
            "\(changed) changed", slot: slotStart.addingTimeInterval(1800), sandbox: sandbox, store: store, bus: bus, logs: logs)

        var memory: [String] = []
        for worker in workers {
            memory.append(Self.peakRSS(pid: worker.processIdentifier).map { String(format: "%.1f MB", Double($0) / 1_048_576) } ?? "?")
            kill(worker.processIdentifier, SIGTERM)
            worker.waitUntilExit()
        }
        print("  peak RSS per provisioner process: \(memory.joined(separator: ", "))")
        print(
            "  steady tick: \(steady.writes) writes, \(steady.reads) reads in \(String(format: "%.1f", steady.seconds)) s; after \(changed) changed lines: \(afterChange.handedOn) companies handed on, \(afterChange.writes) writes"
        )
        if psa == .autotask {
            print("  Autotask calls per tick: first \(first.psaCalls), steady \(steady.psaCalls), after change \(afterChange.psaCalls)")
        }
        await bus.close()
        try? store.close()
        try? await sandbox.shutdown()
    }

    struct TickResult {
        var seconds: Double
        var handedOn: Int
        var reads: Int
        var writes: Int
        var psaCalls: Int
    }

    /// Publishes the tick of `slot` and waits until the provisioners handled it and every
    /// company message it published.
    private func tick(
        _ name: String, slot: Date, sandbox: Sandbox, store: StateStore, bus: AMQPMessageBus, logs: [URL]
    ) async throws -> TickResult {
        await sandbox.resetCalls()
        let before = logs.map { Self.tickLines($0).count }
        let started = Date()
        let message = Message.syncTick(Envelope(payload: SyncTick(slot: slot, intervalSeconds: 900, source: .schedule, emitter: "bench")))
        try await bus.publish([OutboundMessage(message)])
        let slotID = TickSlot(containing: slot, intervalSeconds: 900).id
        let deadline = started.addingTimeInterval(timeout)
        var handedOn: Int?
        while Date() < deadline {
            if handedOn == nil, try await store.isTickSlotClaimed(worker: WorkerKind.provisioner.rawValue, slot: slotID) {
                // The process that handled this tick logged one line more than before.
                handedOn = zip(logs, before).compactMap { log, seen in Self.tickLines(log).dropFirst(seen).first }.first
            }
            if let handedOn {
                let counts = try await store.inboxCounts(worker: WorkerKind.provisioner.rawValue, since: started)
                if counts[.done, default: 0] >= handedOn + 1, counts[.inProgress, default: 0] == 0 { break }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let seconds = Date().timeIntervalSince(started)
        guard let handedOn else { throw ValidationError("tick '\(name)' did not finish within \(Int(timeout)) s") }
        var reads = 0
        var writes = 0
        var byVerb: [String] = []
        var psaCalls = 0
        for api in [SandboxAPI.acronis, sandboxPSA] {
            let report = await sandbox.calls(api)
            var verbs: [String: Int] = [:]
            for (route, count) in report.calls {
                let verb = Self.kind(route)
                verbs[verb, default: 0] += count
                if verb == "read" { reads += count } else if verb == "write" { writes += count }
            }
            if api == sandboxPSA { psaCalls = report.total }
            if routes {
                for (route, count) in report.calls.sorted(by: { $0.key < $1.key }) { print("      \(api.rawValue) \(route): \(count) (\(Self.kind(route)))") }
            }
            byVerb.append("\(api.rawValue): " + verbs.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
            let methods = Dictionary(grouping: report.calls, by: { $0.key.split(separator: " ").first.map(String.init) ?? "?" })
                .mapValues { $0.reduce(0) { $0 + $1.value } }
            byVerb[byVerb.count - 1] += " (" + methods.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
        }
        print(
            "  " + name.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: " %7.1f", seconds)
                + String(format: "  %9d", handedOn) + "  " + byVerb.joined(separator: "; "))
        return TickResult(seconds: seconds, handedOn: handedOn, reads: reads, writes: writes, psaCalls: psaCalls)
    }

    /// "read", "write" or "auth" for a `METHOD /route` call key. Autotask queries (and their
    /// `query/next` pages) are POSTs that read.
    static func kind(_ route: String) -> String {
        let parts = route.split(separator: " ", maxSplits: 1).map(String.init)
        let method = parts.first ?? ""
        let path = parts.count > 1 ? parts[1] : ""
        if path.contains("/idp/token") || path.contains("/zoneInformation") { return "auth" }
        if method == "GET" || path.hasSuffix("/query") || path.contains("/query/") { return "read" }  // query, query/next, query/count
        return "write"
    }

    /// The "N to provision" of each tick line in a provisioner's log, in order.
    static func tickLines(_ log: URL) -> [Int] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        var counts: [Int] = []
        for line in text.split(separator: "\n") where line.contains("provisioning tick:") {
            guard let range = line.range(of: " companies read, ") else { continue }
            let rest = line[range.upperBound...]
            if let number = Int(rest.prefix { $0.isNumber }) { counts.append(number) }
        }
        return counts
    }

    /// Peak resident memory of a process (`VmHWM`), in bytes.
    static func peakRSS(pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.split(separator: " ").compactMap { Int($0) }
            return digits.first.map { $0 * 1024 }
        }
        return nil
    }

    private func waitForConsumers(bus: AMQPMessageBus, count: Int) async throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let ticks = try await bus.queueStatus(WorkQueue.provisionerTicks.name)
            let work = try await bus.queueStatus(WorkQueue.provisionerWork.name)
            if ticks.consumers >= count, work.consumers >= count { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ValidationError("the provisioner processes did not start consuming within 60 s (see their logs)")
    }

    private func startProvisioner(index: Int, sandbox: Sandbox, statePath: String, log: URL) throws -> Process {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("provisioner")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ValidationError("no provisioner executable at \(executable.path): build the package first")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "--instance", "bench-\(index)", "--concurrency", String(concurrency), "--prefetch", String(concurrency * 4),
            "--metrics-port", "0",
        ] + (psa == .autotask ? ["--autotask-threads", "1", "--autotask-hourly-budget", "5000"] : [])
        var environment = ProcessInfo.processInfo.environment
        environment["PSA_BRIDGE_AMQP_URL"] = url
        environment["PSA_BRIDGE_DB"] = statePath
        environment["PSA_BRIDGE_SCHEMAS"] = schemas.path
        environment["PSA_BRIDGE_LOG_LEVEL"] = "info"
        environment[APIClientPool.autotaskDiscoveryVariable] = sandbox.autotaskURL.absoluteString + "/atservicesrest"
        for (name, value) in BenchSandbox.secrets(sandbox) { environment[name] = value }
        process.environment = environment
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
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
