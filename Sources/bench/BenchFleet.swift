import APIClients
import ArgumentParser
import BridgeCore
import BridgeState
import BridgeValues
import BridgeWorkers
import Foundation
import Logging
import SandboxKit

/// What the job benchmarks share about the fleet they measure: a generated world with every
/// customer tenant mapped to its company and the run's settings applied, in a state file of its
/// own; N processes of one worker (the release executables beside this one, each with its own
/// broker, state and HTTP connections) on that file; a tick published and waited for until the
/// tick and every message it handed on were handled; the sandbox's calls per API and verb; and
/// each process's peak RSS.
struct BenchFleet {
    /// The worker measured, its executable named after it.
    var worker: WorkerKind
    /// The word its tick log line starts with (`provisioning tick:`, `usage tick:`).
    var tickLogPrefix: String
    var tickQueue: WorkQueue
    var workQueue: WorkQueue
    var psa: PSAKind
    var options: BenchJobOptions
    var schemas: URL
    var sandbox: Sandbox
    var store: StateStore
    var bus: AMQPMessageBus
    var directory: URL
    /// The settings applied.
    var settings: BridgeSettings
    /// The customer tenants mapped to their companies.
    var customers: [BenchSandbox.Customer]
    private(set) var workers: [Process] = []
    private(set) var logs: [URL] = []

    /// Generates a world of `companies` companies with a customer tenant each, applies
    /// `settingsYAML` in a new state file, maps every customer, connects to the broker and
    /// purges the fleet's queues.
    static func prepare(
        worker: WorkerKind, tickLogPrefix: String, tickQueue: WorkQueue, workQueue: WorkQueue, psa: PSAKind, companies: Int,
        options: BenchJobOptions, catalog: SchemaCatalog, logger: Logger, settingsYAML: (Sandbox) -> String
    ) async throws -> BenchFleet {
        let sandbox = try await Sandbox.start(
            SandboxConfiguration(world: .generate(companies: companies, tenants: companies, alerts: 0, seed: 11)))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(worker.rawValue)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try StateStore(location: try BenchState.location(base: options.state, directory: directory))
        let settings = try SettingsLoader(catalog: catalog).load(yaml: settingsYAML(sandbox), source: "bench settings")
        _ = try await store.applySettings(settings.jsonValue.serialized(), appliedBy: "bench")
        let customers = try await BenchSandbox.mapCustomers(psa, sandbox: sandbox, store: store)
        let bus = try await AMQPMessageBus.connect(url: options.brokerURL, name: "bench.\(worker.rawValue)", logger: logger)
        for queue in FleetTopology().queues { _ = try await bus.purge(queue.name) }
        return BenchFleet(
            worker: worker, tickLogPrefix: tickLogPrefix, tickQueue: tickQueue, workQueue: workQueue, psa: psa, options: options,
            schemas: try options.schemaDirectory, sandbox: sandbox, store: store, bus: bus, directory: directory, settings: settings,
            customers: customers)
    }

    /// Closes the broker connection, the state and the sandbox.
    func finish() async {
        await bus.close()
        try? store.close()
        try? await sandbox.shutdown()
    }

    var sandboxPSA: SandboxAPI { psa == .connectWise ? .connectWise : .autotask }

    /// Starts the options' number of processes and waits until each consumes its queues.
    mutating func start() async throws {
        let count = options.instances
        for index in 1...count {
            let log = directory.appendingPathComponent("\(worker.rawValue)-\(index).log")
            workers.append(try startProcess(index: index, log: log))
            logs.append(log)
        }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let ticks = try await bus.queueStatus(tickQueue.name)
            let work = try await bus.queueStatus(workQueue.name)
            if ticks.consumers >= count, work.consumers >= count { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ValidationError("the \(worker.rawValue) processes did not start consuming within 60 s (see their logs)")
    }

    /// Each process's peak RSS, then SIGTERM and wait.
    func stop() -> [String] {
        var memory: [String] = []
        for process in workers {
            memory.append(Self.memory(pid: process.processIdentifier))
            if process.isRunning {
                Foundation.kill(process.processIdentifier, SIGTERM)
                process.waitUntilExit()
            }
        }
        return memory
    }

    /// Ends any process still running at once and removes the run's folder (after a failed run
    /// too).
    func cleanUp() {
        for process in workers where process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Sets the sandbox's latency on the cloud and the PSA.
    func setLatency(_ settings: FaultSettings) async {
        for api in [SandboxAPI.acronis, sandboxPSA] { await sandbox.setFaults(settings, for: api) }
    }

    /// The ticks both job benchmarks measure, at the options' latency: the first with everything mapped,
    /// a steady one with nothing changed, and one after `change` (run without latency) changed
    /// some; prints a line for each.
    /// - Returns: the three ticks and what `change` returned (how many it changed).
    func measureTicks(
        change: () async throws -> Int
    ) async throws -> (first: TickResult, steady: TickResult, changed: Int, afterChange: TickResult) {
        var latency = FaultSettings.none
        latency.latencyMs = options.latencyMs
        await setLatency(latency)
        let slotStart = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 / 900).rounded(.down) * 900)
        print("  tick                 seconds  handed on  calls by API and verb")
        let first = try await tick("first (all mapped)", slot: slotStart)
        let steady = try await tick("steady, no change", slot: slotStart.addingTimeInterval(900))
        await setLatency(.none)
        let changed = try await change()
        await setLatency(latency)
        let afterChange = try await tick("\(changed) changed", slot: slotStart.addingTimeInterval(1800))
        return (first, steady, changed, afterChange)
    }

    struct TickResult {
        var seconds: Double
        var handedOn: Int
        var reads: Int
        var writes: Int
        var psaCalls: Int
    }

    /// Publishes the tick of `slot` and waits until a process handled it and every message it
    /// published; prints one line: seconds, messages handed on, calls by API and verb.
    func tick(_ name: String, slot: Date) async throws -> TickResult {
        await sandbox.resetCalls()
        let before = logs.map { tickLines($0).count }
        let started = Date()
        let message = Message.syncTick(Envelope(payload: SyncTick(slot: slot, intervalSeconds: 900, source: .schedule, emitter: "bench")))
        try await bus.publish([OutboundMessage(message)])
        let slotID = TickSlot(containing: slot, intervalSeconds: 900).id
        let deadline = started.addingTimeInterval(options.timeout)
        var handedOn: Int?
        while Date() < deadline {
            if handedOn == nil, try await store.isTickSlotClaimed(worker: worker.rawValue, slot: slotID) {
                // The process that handled this tick logged one line more than before.
                handedOn = zip(logs, before).compactMap { log, seen in tickLines(log).dropFirst(seen).first }.first
            }
            if let handedOn {
                let counts = try await store.inboxCounts(worker: worker.rawValue, since: started)
                if counts[.done, default: 0] >= handedOn + 1, counts[.inProgress, default: 0] == 0 { break }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let seconds = Date().timeIntervalSince(started)
        guard let handedOn else { throw ValidationError("tick '\(name)' did not finish within \(Int(options.timeout)) s") }
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
            if options.routes {
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

    /// The messages handed on by each tick line in a process's log, in order: the number after
    /// "read, " on a line starting with `tickLogPrefix` ("… N companies read, M to provision").
    func tickLines(_ log: URL) -> [Int] {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        var counts: [Int] = []
        for line in text.split(separator: "\n") where line.contains(tickLogPrefix) {
            guard let range = line.range(of: " read, ") else { continue }
            let rest = line[range.upperBound...]
            if let number = Int(rest.prefix { $0.isNumber }) { counts.append(number) }
        }
        return counts
    }

    /// A process's peak resident memory (`VmHWM`), then what is resident now split into heap and
    /// other private memory (`RssAnon`) and mapped files, mostly the executable's and libraries'
    /// code and read-only data (`RssFile`): "81.3 MB (now 30.2 anon + 41.0 file)".
    static func memory(pid: Int32) -> String {
        let fields = statusFields(pid: pid)
        func megabytes(_ name: String) -> String {
            fields[name].map { String(format: "%.1f", Double($0) / 1_048_576) } ?? "?"
        }
        return "\(megabytes("VmHWM")) MB (now \(megabytes("RssAnon")) anon + \(megabytes("RssFile")) file)"
    }

    /// The kB-valued lines of `/proc/PID/status`, in bytes.
    static func statusFields(pid: Int32) -> [String: Int] {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return [:] }
        var fields: [String: Int] = [:]
        for line in status.split(separator: "\n") where line.hasSuffix(" kB") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let kilobytes = Int(parts[1].dropLast(3).trimmingCharacters(in: .whitespaces)) else { continue }
            fields[String(parts[0])] = kilobytes * 1024
        }
        return fields
    }

    private func startProcess(index: Int, log: URL) throws -> Process {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(worker.rawValue)
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ValidationError("no \(worker.rawValue) executable at \(executable.path): build the package first")
        }
        let process = Process()
        let arguments = [
            "--instance", "bench-\(index)", "--concurrency", String(options.concurrency), "--prefetch", String(options.concurrency * 4),
            "--metrics-port", "0",
        ] + (psa == .autotask ? ["--autotask-threads", "3", "--autotask-hourly-budget", "10000"] : [])
        if let profiler = options.profiler {
            // e.g. `heaptrack`: the profiler runs the worker (its peak RSS then includes the profiler's).
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = profiler.split(separator: " ").map(String.init) + [executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment
        environment["PSA_BRIDGE_AMQP_URL"] = options.brokerURL
        environment["PSA_BRIDGE_DB"] = store.location.description
        environment["PSA_BRIDGE_SCHEMAS"] = schemas.path
        environment["PSA_BRIDGE_LOG_LEVEL"] = "info"
        // As deploy/systemd/fleet.env.example runs the workers.
        environment["MALLOC_ARENA_MAX"] = environment["MALLOC_ARENA_MAX"] ?? "2"
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
}
