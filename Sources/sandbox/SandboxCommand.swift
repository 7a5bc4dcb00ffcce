import ArgumentParser
import Foundation
import SandboxKit

#if canImport(Glibc)
import Glibc
#endif

/// `sandbox`: runs the simulated Acronis, ConnectWise and Autotask APIs until SIGTERM or SIGINT.
@main
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Simulated Acronis Cyber Cloud, ConnectWise Manage and Autotask REST APIs for tests, demos and benchmarks.",
        discussion: "Each API listens at the root of its own address. Control routes live under /_sandbox/ on every listener.")

    @Option(help: "host:port of the Acronis listener (port 0: any free port).") var acronis = "127.0.0.1:9101"
    @Option(help: "host:port of the ConnectWise listener.") var connectwise = "127.0.0.1:9102"
    @Option(help: "host:port of the Autotask listener.") var autotask = "127.0.0.1:9103"

    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain: serve HTTPS.") var tlsCertificate: String?
    @Option(name: .customLong("tls-key"), help: "PEM private key for --tls-cert.") var tlsKey: String?

    @Option(name: .customLong("seed-file"), help: "A world JSON file (e.g. deploy/fixtures/demo-world.json).") var seedFile: String?
    @Flag(help: "Generate a world instead of reading one.") var generate = false
    @Option(help: "Generated companies.") var companies = 12
    @Option(help: "Agreements/contracts per generated company (at most 10).") var agreements = 1
    @Option(help: "Generated companies with a matching Acronis tenant (default: all).") var tenants: Int?
    @Option(help: "Generated alerts.") var alerts = 5
    @Option(name: .customLong("random-seed"), help: "Seed of the generator.") var randomSeed: UInt64 = 1
    @Option(name: .customLong("write-world"), help: "Write the world to this file and exit (with --generate).") var writeWorld: String?

    @Option(name: .customLong("latency-ms"), help: "Latency added to every API request.") var latencyMs = 0
    @Option(name: .customLong("jitter-ms"), help: "Random extra latency up to this many milliseconds.") var jitterMs = 0
    @Option(name: .customLong("failure-rate"), help: "Fraction (0...1) of requests answered 500/503.") var failureRate = 0.0
    @Option(name: .customLong("rate-limit"), help: "Requests per second per API before 429 with Retry-After.") var rateLimit: Int?
    @Option(name: .customLong("token-lifetime"), help: "Acronis token lifetime in seconds.") var tokenLifetime = 7200
    @Flag(name: .customLong("no-autotask-limits"), help: "Lift Autotask's thread and hourly limits (benchmarks).") var noAutotaskLimits = false
    @Option(
        name: .customLong("credentials-dir"),
        help: "Write the credentials the sandbox accepts here, one file each (mode 0600), for settings to name as {file: PATH}. Its secrets are random for each run and written nowhere else.")
    var credentialsDirectory: String?

    func validate() throws {
        if seedFile != nil && generate { throw ValidationError("use either --seed-file or --generate, not both") }
        if (tlsCertificate == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if !(0...1).contains(failureRate) { throw ValidationError("--failure-rate must be between 0 and 1") }
        if writeWorld != nil && !generate { throw ValidationError("--write-world needs --generate") }
    }

    func run() async throws {
        guard let acronisAddress = ListenerAddress(parsing: acronis) else { throw ValidationError("--acronis must be host:port, got '\(acronis)'") }
        guard let connectWiseAddress = ListenerAddress(parsing: connectwise) else {
            throw ValidationError("--connectwise must be host:port, got '\(connectwise)'")
        }
        guard let autotaskAddress = ListenerAddress(parsing: autotask) else { throw ValidationError("--autotask must be host:port, got '\(autotask)'") }
        let world: SandboxWorld
        if let seedFile {
            do {
                world = try SandboxWorld.load(contentsOf: URL(fileURLWithPath: seedFile))
            } catch {
                throw ValidationError("cannot read the world in '\(seedFile)': \(error)")
            }
        } else if generate {
            world = SandboxWorld.generate(
                companies: companies, agreementsPerCompany: agreements, tenants: tenants, alerts: alerts, seed: randomSeed)
        } else {
            world = SandboxWorld.generate(companies: 12, agreementsPerCompany: 1, alerts: 5, seed: 1)
        }
        if let writeWorld {
            try Data(world.encoded(pretty: true)).write(to: URL(fileURLWithPath: writeWorld))
            print("wrote \(writeWorld)")
            return
        }
        let faults = FaultSettings(
            latencyMs: latencyMs, jitterMs: jitterMs, failureRate: failureRate,
            rateLimit: rateLimit.map { RateLimit(requests: $0, perSeconds: 1) })
        let configuration = SandboxConfiguration(
            acronis: acronisAddress, connectWise: connectWiseAddress, autotask: autotaskAddress,
            tls: tlsCertificate.map { SandboxConfiguration.TLSFiles(certificateChainPath: $0, privateKeyPath: tlsKey!) },
            faults: [.acronis: faults, .connectWise: faults, .autotask: faults],
            autotaskLimits: noAutotaskLimits ? .unlimited : .standard, tokenLifetime: .seconds(tokenLifetime),
            credentials: .randomSecrets(), world: world)
        let sandbox = try await Sandbox.start(configuration)
        if let credentialsDirectory { try Self.writeCredentials(configuration.credentials, to: credentialsDirectory) }
        let lines = [
            "acronis \(sandbox.acronisURL.absoluteString)", "connectwise \(sandbox.connectWiseURL.absoluteString)",
            "autotask \(sandbox.autotaskURL.absoluteString)",
        ]
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        await Self.waitForTermination()
        try await sandbox.shutdown()
    }

    /// The credentials as files a client's settings can reference: `acronis-client-secret`,
    /// `connectwise-public-key`, `connectwise-private-key`, `autotask-secret`,
    /// `autotask-integration-code`; readable by the owner only.
    static func writeCredentials(_ credentials: SandboxCredentials, to path: String) throws {
        let directory = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let files = [
            "acronis-client-secret": credentials.acronis.clientSecret,
            "connectwise-public-key": credentials.connectWise.publicKey,
            "connectwise-private-key": credentials.connectWise.privateKey,
            "autotask-secret": credentials.autotask.secret,
            "autotask-integration-code": credentials.autotask.integrationCode,
        ]
        for (name, value) in files {
            let file = directory.appendingPathComponent(name).path
            guard FileManager.default.createFile(atPath: file, contents: Data(value.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw ValidationError("cannot write \(file)")
            }
        }
    }

    /// Returns on SIGTERM or SIGINT.
    static func waitForTermination() async {
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let queue = DispatchQueue(label: "sandbox.signals")
            let resumed = ResumeOnce(continuation)
            let sources = [SIGTERM, SIGINT].map { DispatchSource.makeSignalSource(signal: $0, queue: queue) }
            // Each handler captures `sources`, which keeps the sources alive until a signal arrives.
            for source in sources {
                source.setEventHandler {
                    resumed.resume()
                    for other in sources { other.cancel() }
                }
                source.resume()
            }
        }
    }
}

/// Resumes a continuation once, from whichever signal arrives first.
final class ResumeOnce: @unchecked Sendable {
    // @unchecked: `continuation` is only touched on the serial signal queue.
    private var continuation: CheckedContinuation<Void, Never>?
    init(_ continuation: CheckedContinuation<Void, Never>) { self.continuation = continuation }
    func resume() {
        continuation?.resume()
        continuation = nil
    }
}
