import APIClients
import ArgumentParser
import BridgeCore
import BridgeState
import BridgeValues
import BridgeWorkers
import Foundation
import Logging
import SandboxKit

/// `bench tickets`: alerts to tickets through the whole job: the sandbox's Alert Manager, an
/// alert poller, RabbitMQ, ticket-updater instances (in this process, each with its own broker
/// connections, state connection pool and HTTP clients; one Autotask limiter for all, as one
/// integration), and the sandbox's ConnectWise or Autotask with a set latency.
///
/// For each PSA and latency it raises N alerts (each a distinct alert key) over M tenants, either
/// all at once or at an offered rate, and prints tickets per second, alert-to-ticket latency
/// (from the raise to the ticket link being recorded after the PSA answered) p50/p95/p99, PSA
/// calls per ticket, and tickets per alert key (duplicates, which must be 0, and missing).
struct TicketsBenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tickets",
        abstract: "Measure alerts to tickets end to end (sandbox + RabbitMQ + ticket-updaters) for ConnectWise and Autotask.")

    @Option(help: "Broker URL (default: $PSA_BRIDGE_TEST_AMQP_URL, else amqp://guest:guest@127.0.0.1:5672/%2F). Its fleet queues are purged.")
    var amqpURL: String?

    @Option(help: "State: a postgres:// URL to run on PostgreSQL (a new schema per run); SQLite in a temporary folder by default.")
    var state: String?

    @Option(help: "Alerts per run (each on its own resource, so each is one ticket).")
    var alerts = 1000

    @Option(help: "Tenants (each mapped to its company) the alerts are spread over.")
    var tenants = 20

    @Option(help: "PSAs to measure: connectwise, autotask (comma-separated).")
    var psa = "connectwise,autotask"

    @Option(help: "Sandbox latency in milliseconds (comma-separated list), applied to the three APIs.")
    var latencyMs = "0,100"

    @Option(help: "Offered alerts per second; 0 raises them all at once.")
    var rate: Double = 0

    @Option(help: "Also run ConnectWise at this offered rate (alerts/s) with the largest latency; 0 skips it.")
    var pacedRate: Double = 50

    @Option(help: "ticket-updater instances.")
    var instances = 2

    @Option(help: "Messages each ticket-updater instance handles at once.")
    var concurrency = 32

    @Option(help: "Seconds between alert polls.")
    var pollSeconds: Double = 0.5

    @Option(help: "Directory of the JSON Schemas (default: found from the working directory).")
    var schemas: String?

    @Option(help: "Seconds a run may take before it is reported as incomplete.")
    var timeout: Double = 300

    func validate() throws {
        guard alerts > 0, tenants > 0, instances > 0, concurrency > 0, pollSeconds > 0, rate >= 0, pacedRate >= 0 else {
            throw ValidationError("alerts, tenants, instances, concurrency and poll seconds must be positive; rates not negative")
        }
        for name in psaList { guard name != nil else { throw ValidationError("--psa takes connectwise and/or autotask") } }
        guard !latencies.isEmpty, latencies.allSatisfy({ $0 >= 0 }) else {
            throw ValidationError("--latency-ms takes non-negative integers, e.g. 0,100")
        }
    }

    var psaList: [PSAKind?] {
        psa.split(separator: ",").map { PSAKind(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
    }
    var latencies: [Int] { latencyMs.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    func run() async throws {
        let url = BenchJobOptions.brokerURL(amqpURL)
        let catalog = try schemas.map { try SchemaCatalog(directory: URL(fileURLWithPath: $0)) } ?? SchemaCatalog.loadDefault()
        var logger = Logger(label: "bench.tickets")
        logger.logLevel = .error
        print("tickets benchmark: \(alerts) alerts over \(tenants) tenants, \(instances) ticket-updater instances x \(concurrency) concurrent, poll every \(pollSeconds) s, state on \(BenchState.name(state ?? ""))")
        var plans: [RunPlan] = []
        for kind in psaList.compactMap({ $0 }) {
            for latency in latencies { plans.append(RunPlan(psa: kind, latencyMs: latency, rate: rate)) }
        }
        if pacedRate > 0, psaList.contains(.connectWise) {
            plans.append(RunPlan(psa: .connectWise, latencyMs: latencies.max() ?? 0, rate: pacedRate))
        }
        print(
            "psa          latency  offered      tickets/s  (processing)  p50 ms  p95 ms  p99 ms  calls/ticket  dup  missing  notes")
        for plan in plans {
            let result = try await measure(plan, url: url, catalog: catalog, logger: logger)
            print(result.line)
        }
    }

    struct RunPlan {
        var psa: PSAKind
        var latencyMs: Int
        var rate: Double
    }

    struct RunResult {
        var plan: RunPlan
        var tickets: Int
        var wallRate: Double
        var processingRate: Double
        var p50: Double
        var p95: Double
        var p99: Double
        var callsPerTicket: Double
        var duplicates: Int
        var missing: Int
        var notes: String

        var line: String {
            func col(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
            let offered = plan.rate > 0 ? String(format: "%.0f/s", plan.rate) : "burst"
            return col(plan.psa.rawValue, 13) + col("\(plan.latencyMs) ms", 9) + col(offered, 13)
                + col(String(format: "%.1f", wallRate), 11) + col(String(format: "(%.1f)", processingRate), 14)
                + col(String(format: "%.0f", p50), 8) + col(String(format: "%.0f", p95), 8) + col(String(format: "%.0f", p99), 8)
                + col(String(format: "%.2f", callsPerTicket), 14) + col("\(duplicates)", 5) + col("\(missing)", 9) + notes
        }
    }

    // MARK: - One run

    private func measure(_ plan: RunPlan, url: String, catalog: SchemaCatalog, logger: Logger) async throws -> RunResult {
        let sandboxPSA: SandboxAPI = plan.psa == .connectWise ? .connectWise : .autotask
        var latency = FaultSettings.none
        latency.latencyMs = plan.latencyMs
        let sandbox = try await Sandbox.start(
            SandboxConfiguration(
                faults: [.acronis: latency, .connectWise: latency, .autotask: latency],
                world: .generate(companies: tenants, tenants: tenants, alerts: 0, seed: 5)))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-tickets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = try BenchState.location(base: state, directory: directory)

        let environment = BenchSandbox.secrets(sandbox)
        let limiter = AutotaskRequestLimiter()
        func clients() throws -> APIClientPool {
            try APIClientPool(
                options: .init(
                    transport: .init(maxConnectionsPerHost: max(8, concurrency)), autotaskLimiter: limiter,
                    autotaskDiscoveryURL: sandbox.autotaskURL.absoluteString + "/atservicesrest", environment: environment),
                logger: logger)
        }

        // State: settings (tickets on) and every tenant mapped to its company.
        let store = try StateStore(location: path)
        let settings = try SettingsLoader(catalog: catalog).load(yaml: settingsYAML(plan.psa, sandbox), source: "bench settings")
        _ = try await store.applySettings(settings.jsonValue.serialized(), appliedBy: "bench")
        let customers = try await BenchSandbox.mapCustomers(plan.psa, sandbox: sandbox, store: store)

        // Broker: clean queues, the ticket-updaters, and the poller.
        let setupBus = try await AMQPMessageBus.connect(url: url, name: "bench.tickets.setup", logger: logger)
        for queue in FleetTopology().queues { _ = try await setupBus.purge(queue.name) }
        var services: [Task<Void, any Error>] = []
        var pools: [APIClientPool] = []
        var buses: [AMQPMessageBus] = [setupBus]
        var stores: [StateStore] = [store]
        for index in 1...instances {
            var options = StateStore.Options()
            options.instanceId = "bench-ticket-updater-\(index)"
            options.messageLease = 120
            options.effectLease = 120
            let instanceStore = try StateStore(location: path, options: options)
            let bus = try await AMQPMessageBus.connect(url: url, name: "bench.ticket-updater.\(index)", logger: logger)
            let pool = try clients()
            let handler = TicketCommandHandler(
                store: instanceStore,
                settings: SettingsCache(repository: SettingsRepository(store: instanceStore, catalog: catalog)),
                provider: TicketingProvider(clients: pool))
            let processor = DeliveryProcessor(
                worker: .ticketUpdater, instance: "bench-\(index)", decoder: MessageDecoder(catalog: catalog),
                store: instanceStore, bus: bus, retryPolicy: RetryPolicy(), handler: handler, logger: logger,
                metrics: WorkerMetrics(worker: .ticketUpdater))
            let service = WorkerService(
                queues: [.ticketUpdaterWork], bus: bus, processor: processor, prefetch: max(100, concurrency), concurrency: concurrency,
                logger: logger)
            services.append(Task { try await service.run() })
            pools.append(pool)
            buses.append(bus)
            stores.append(instanceStore)
        }
        let pollerPool = try clients()
        pools.append(pollerPool)
        let pollerBus = try await AMQPMessageBus.connect(url: url, name: "bench.alert-consumer", logger: logger)
        buses.append(pollerBus)
        let poller = AlertPoller(
            store: store, settings: SettingsCache(repository: SettingsRepository(store: store, catalog: catalog)),
            clients: pollerPool, bus: pollerBus, logger: logger)
        _ = try await poller.poll()  // first poll: nothing yet; sets the cursor
        let polling = Task {
            while !Task.isCancelled {
                _ = try? await poller.poll()
                try? await Task.sleep(for: .milliseconds(Int64(pollSeconds * 1000)))
            }
        }
        await sandbox.resetCalls()

        // Raise the alerts.
        var raisedAt: [String: Date] = [:]
        var references: [String] = []
        let start = Date()
        for index in 0..<alerts {
            if plan.rate > 0 {
                let due = start.addingTimeInterval(Double(index) / plan.rate)
                let wait = due.timeIntervalSinceNow
                if wait > 0 { try await Task.sleep(for: .milliseconds(Int64(wait * 1000))) }
            }
            let customer = customers[index % customers.count]
            let resource = "bench-\(index)"
            _ = try await sandbox.raiseAlert(
                tenantId: customer.tenantId, type: "BackupFailed", resourceName: "SRV-\(index)",
                details: ["resourceId": .string(resource)])
            let key = AlertKey(tenantId: customer.tenantId, alertType: "BackupFailed", resourceId: resource)
            raisedAt[key.stableString] = Date()
            references.append(key.externalReference(for: plan.psa))
        }

        // Wait for every ticket.
        let deadline = Date().addingTimeInterval(timeout)
        var linked = 0
        while Date() < deadline {
            linked = try await store.ticketLinkCount()
            if linked >= alerts { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        polling.cancel()
        _ = await polling.result
        let calls = await sandbox.calls(sandboxPSA)
        let links = try await store.ticketLinks(limit: alerts * 2)

        var latencies: [Double] = []
        for link in links {
            if let raised = raisedAt[link.alertKey] { latencies.append(link.createdAt.timeIntervalSince(raised) * 1000) }
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return .nan }
            return latencies[min(latencies.count - 1, Int((p * Double(latencies.count)).rounded(.up)) - 1)]
        }
        var duplicates = 0
        var missing = 0
        for reference in references {
            let count = await sandbox.ticketCount(sandboxPSA, externalRef: reference)
            if count > 1 { duplicates += 1 }
            if count == 0 { missing += 1 }
        }
        let created = links.map(\.createdAt)
        let first = created.min() ?? start
        let last = created.max() ?? start
        var notes = linked < alerts ? "INCOMPLETE after \(Int(timeout)) s " : ""
        if plan.psa == .autotask {
            let threads = calls.maxConcurrency.values.max() ?? 0
            let refused = calls.rejections.values.reduce(0, +)
            let used = await limiter.requestsInWindow
            notes += "max \(threads) in flight per endpoint, \(refused) refused, \(used) of 10000 hourly requests"
        }

        for service in services { service.cancel() }
        for service in services { _ = await service.result }
        for pool in pools { await pool.shutdown() }
        for bus in buses { await bus.close() }
        for store in stores { try? store.close() }
        try? await sandbox.shutdown()

        return RunResult(
            plan: plan, tickets: links.count,
            wallRate: Double(links.count) / max(0.001, last.timeIntervalSince(start)),
            processingRate: Double(links.count) / max(0.001, last.timeIntervalSince(first)),
            p50: percentile(0.50), p95: percentile(0.95), p99: percentile(0.99),
            callsPerTicket: Double(calls.total) / Double(max(1, links.count)), duplicates: duplicates, missing: missing,
            notes: notes)
    }

    private func settingsYAML(_ psa: PSAKind, _ sandbox: Sandbox) -> String {
        let tickets: String
        if psa == .connectWise {
            tickets = """
                  board: Acronis Alerts
                  alertTypes:
                    - {alertType: BackupFailed, type: Backup, subtype: Failure, status: New, priority: Priority 2 - High}
                """
        } else {
            tickets = """
                  queue: Monitoring Alert
                  alertTypes:
                    - {alertType: BackupFailed, issueType: Backup, status: New, priority: High}
                """
        }
        return BenchSandbox.connectionYAML(psa, sandbox) + """

            features:
              tickets: true
            tickets:
            \(tickets)
            """
    }
}
