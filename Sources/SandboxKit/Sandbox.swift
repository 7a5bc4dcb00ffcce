import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOSSL
import ServiceLifecycle
import Synchronization

/// The three simulated APIs, each at the root of its own listener, sharing one world.
///
/// ```swift
/// let sandbox = try await Sandbox.start(SandboxConfiguration(world: .generate(companies: 5)))
/// // sandbox.acronisURL, sandbox.connectWiseURL, sandbox.autotaskURL
/// try await sandbox.shutdown()
/// ```
public final class Sandbox: Sendable {
    /// Root of the Acronis listener (`{acronisURL}/api/2/...`).
    public let acronisURL: URL
    /// Root of the ConnectWise listener (`{connectWiseURL}/login/companyinfo/...`, `{connectWiseURL}/v4_6_release/apis/3.0/...`).
    public let connectWiseURL: URL
    /// Root of the Autotask listener (`{autotaskURL}/atservicesrest/v1.0/...`).
    public let autotaskURL: URL
    /// The shared world and runtime settings.
    public let state: SandboxState
    /// The credentials the APIs accept.
    public let credentials: SandboxCredentials

    private let runs: Mutex<[Listener]>

    /// A running listener: its service group (for graceful shutdown) and the task running it.
    struct Listener: Sendable {
        let group: ServiceGroup
        let task: Task<Void, Never>
    }

    private init(
        acronisURL: URL, connectWiseURL: URL, autotaskURL: URL, state: SandboxState, credentials: SandboxCredentials,
        runs: [Listener]
    ) {
        self.acronisURL = acronisURL
        self.connectWiseURL = connectWiseURL
        self.autotaskURL = autotaskURL
        self.state = state
        self.credentials = credentials
        self.runs = Mutex(runs)
    }

    /// The root URL of one API's listener.
    public func url(for api: SandboxAPI) -> URL {
        switch api {
        case .acronis: acronisURL
        case .connectWise: connectWiseURL
        case .autotask: autotaskURL
        }
    }

    /// Starts the three listeners and returns once all of them accept connections.
    public static func start(_ configuration: SandboxConfiguration) async throws -> Sandbox {
        let state = try SandboxState(configuration: configuration)
        let tls = try configuration.tls.map(Self.tlsConfiguration)
        let scheme = tls == nil ? "http" : "https"
        var urls: [SandboxAPI: URL] = [:]
        var runs: [Listener] = []
        do {
            for api in SandboxAPI.allCases {
                let address: ListenerAddress
                let service: any SimulatedAPI
                switch api {
                case .acronis:
                    address = configuration.acronis
                    service = AcronisAPI()
                case .connectWise:
                    address = configuration.connectWise
                    service = ConnectWiseAPI()
                case .autotask:
                    address = configuration.autotask
                    service = AutotaskAPI()
                }
                let box = BaseURLBox()
                let advertisedHost = address.host == "0.0.0.0" || address.host == "::" ? "127.0.0.1" : address.host
                if address.port != 0 { box.set("\(scheme)://\(advertisedHost):\(address.port)") }
                let responder = ListenerResponder(
                    service: service, control: ControlAPI(state: state), state: state, baseURL: box,
                    maxQueryLength: configuration.maxQueryLength[api])
                let (port, run) = try await startListener(
                    responder: responder, address: address, tls: tls, logger: configuration.logger)
                runs.append(run)
                let base = "\(scheme)://\(advertisedHost):\(port)"
                box.set(base)
                urls[api] = URL(string: base)!
            }
        } catch {
            for run in runs { await run.group.triggerGracefulShutdown() }
            for run in runs { await run.task.value }
            throw error
        }
        return Sandbox(
            acronisURL: urls[.acronis]!, connectWiseURL: urls[.connectWise]!, autotaskURL: urls[.autotask]!, state: state,
            credentials: configuration.credentials, runs: runs)
    }

    /// Stops the listeners (requests in flight are finished) and waits until they are closed.
    public func shutdown() async throws {
        let runs = self.runs.withLock { runs in
            defer { runs.removeAll() }
            return runs
        }
        for run in runs { await run.group.triggerGracefulShutdown() }
        for run in runs { await run.task.value }
    }

    private static func tlsConfiguration(_ files: SandboxConfiguration.TLSFiles) throws -> TLSConfiguration {
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(files.certificateChainPath)
            let key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
            return TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        } catch {
            throw SandboxStartError(
                description: "cannot read TLS certificate '\(files.certificateChainPath)' or key '\(files.privateKeyPath)': \(error)")
        }
    }

    private static func startListener(
        responder: ListenerResponder, address: ListenerAddress, tls: TLSConfiguration?, logger: Logger
    ) async throws -> (Int, Listener) {
        let bound = OneShot<Int>()
        let configuration = ApplicationConfiguration(address: .hostname(address.host, port: address.port))
        let app: Application<ListenerResponder>
        if let tls {
            app = Application(
                responder: responder, server: try .tls(.http1(), tlsConfiguration: tls), configuration: configuration,
                onServerRunning: { bound.resolve(.success($0.localAddress?.port ?? address.port)) }, logger: logger)
        } else {
            app = Application(
                responder: responder, configuration: configuration,
                onServerRunning: { bound.resolve(.success($0.localAddress?.port ?? address.port)) }, logger: logger)
        }
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task {
            do {
                try await group.run()
                bound.resolve(.failure(SandboxStartError(description: "listener on \(address.host):\(address.port) stopped")))
            } catch {
                bound.resolve(
                    .failure(SandboxStartError(description: "cannot listen on \(address.host):\(address.port): \(error)")))
            }
        }
        let listener = Listener(group: group, task: task)
        do {
            return (try await bound.value(), listener)
        } catch {
            await group.triggerGracefulShutdown()
            await task.value
            throw error
        }
    }
}

/// The sandbox could not start.
public struct SandboxStartError: Error, CustomStringConvertible, Sendable {
    public var description: String
}
