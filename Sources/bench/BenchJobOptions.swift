import ArgumentParser
import BridgeCore
import BridgeValues
import Foundation

/// The options the job benchmarks (`bench provisioning`, `bench billing`) share: where the broker
/// is, which PSAs, the sandbox's latency, the worker processes and how long a tick may take.
struct BenchJobOptions: ParsableArguments {
    @Option(help: "Broker URL (default: $PSA_BRIDGE_TEST_AMQP_URL, else amqp://guest:guest@127.0.0.1:5672/%2F). Its fleet queues are purged.")
    var amqpURL: String?

    @Option(help: "PSAs to measure: connectwise, autotask (comma-separated).")
    var psa = "connectwise,autotask"

    @Option(help: "Sandbox latency in milliseconds, applied to the three APIs during the ticks.")
    var latencyMs = 100

    @Option(help: "Worker processes.")
    var instances = 2

    @Option(help: "Messages each worker process handles at once.")
    var concurrency = 16

    @Option(help: "Directory of the JSON Schemas (default: found from the working directory).")
    var schemas: String?

    @Option(help: "Seconds a tick may take before the run is reported as incomplete.")
    var timeout: Double = 1800

    @Flag(help: "Also print each tick's calls per route.")
    var routes = false

    @Option(help: "State: a postgres:// URL to run on PostgreSQL (a new schema per run); SQLite in a temporary folder by default.")
    var state: String?

    @Option(help: "A profiler command to run each worker under, e.g. \"heaptrack -o /tmp/worker\" (its RSS figures then include the profiler's).")
    var profiler: String?

    func validate() throws {
        guard instances > 0, concurrency > 0, latencyMs >= 0, timeout > 0 else {
            throw ValidationError("instances, concurrency and timeout must be positive, the latency not negative")
        }
        for name in psaList { guard name != nil else { throw ValidationError("--psa takes connectwise and/or autotask") } }
    }

    private var psaList: [PSAKind?] {
        psa.split(separator: ",").map { PSAKind(rawValue: $0.trimmingCharacters(in: .whitespaces)) }
    }

    /// The PSAs to measure, in the order given.
    var psaKinds: [PSAKind] { psaList.compactMap { $0 } }

    var brokerURL: String { Self.brokerURL(amqpURL) }

    /// The broker a benchmark uses: `given`, else `$PSA_BRIDGE_TEST_AMQP_URL`, else a local broker
    /// on its default port with RabbitMQ's loopback-only default user (no secret: what a fresh
    /// local broker and `deploy/local/broker.sh` accept).
    static func brokerURL(_ given: String?) -> String {
        given ?? ProcessInfo.processInfo.environment["PSA_BRIDGE_TEST_AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5672/%2F"
    }

    var schemaDirectory: URL {
        get throws { try schemas.map { URL(fileURLWithPath: $0) } ?? SchemaCatalog.locate() }
    }
}
