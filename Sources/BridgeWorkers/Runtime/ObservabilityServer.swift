import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import ServiceLifecycle

/// Serves `/metrics` (Prometheus text format) and `/health` (JSON) for one worker instance, a
/// `Service` run in the worker's `ServiceGroup`.
///
/// Plain HTTP/1.1 on NIO (GET and HEAD, keep-alive, one request at a time per connection), so a
/// worker carries no web framework: the framework's code and its ICU time-zone data were several
/// megabytes of every worker process's memory.
public struct ObservabilityServer: Service, Sendable {
    /// Reports whether the worker is healthy and why.
    public typealias HealthProbe = @Sendable () async -> HealthReport

    public var host: String
    public var port: Int
    public var registry: PrometheusCollectorRegistry
    public var health: HealthProbe
    public var logger: Logger

    public init(host: String = "127.0.0.1", port: Int, registry: PrometheusCollectorRegistry, health: @escaping HealthProbe, logger: Logger) {
        self.host = host
        self.port = port
        self.registry = registry
        self.health = health
        self.logger = logger
    }

    /// One answer: status, content type and body.
    public struct Reply: Sendable, Equatable {
        public var status: HTTPResponseStatus
        public var contentType: String
        public var body: [UInt8]
    }

    /// The answer to `method` on `uri` (its query string is ignored).
    public func reply(method: HTTPMethod, uri: String) async -> Reply {
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? uri
        guard path == "/metrics" || path == "/health" else {
            return Reply(status: .notFound, contentType: "text/plain; charset=utf-8", body: Array("not found: \(path)\n".utf8))
        }
        guard method == .GET || method == .HEAD else {
            return Reply(
                status: .methodNotAllowed, contentType: "text/plain; charset=utf-8",
                body: Array("\(method.rawValue) is not allowed on \(path): use GET\n".utf8))
        }
        if path == "/metrics" {
            var buffer = [UInt8]()
            registry.emit(into: &buffer)
            return Reply(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8", body: buffer)
        }
        let report = await health()
        let body = (try? JSONEncoder().encode(report)).map(Array.init) ?? Array("{}".utf8)
        return Reply(status: report.healthy ? .ok : .serviceUnavailable, contentType: "application/json", body: body)
    }

    /// Listens until graceful shutdown (or cancellation), then closes the listener and every
    /// connection.
    /// - Throws: ``ObservabilityServerError`` when the address cannot be bound.
    public func run() async throws {
        typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
        let listener: NIOAsyncChannel<Connection, Never>
        do {
            listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.backlog, value: 32)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw ObservabilityServerError(host: host, port: port, reason: "\(error)")
        }
        let bound = listener.channel.localAddress?.port ?? port
        logger.info("serving /metrics and /health", metadata: ["address": "\(host):\(bound)"])
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    try await listener.executeThenClose { connections in
                        for try await connection in connections {
                            group.addTask { await serve(connection) }
                        }
                    }
                }
            }
        } catch {
            // Ending on graceful shutdown or cancellation is this service's normal end, which the
            // service group must not read as a failure (the worker would exit non-zero).
            if error is CancellationError || Task.isShuttingDownGracefully || Task.isCancelled { return }
            throw error
        }
    }

    /// Answers one connection's requests in order until it closes, asks to, or fails.
    private func serve(_ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>) async {
        do {
            try await connection.executeThenClose { requests, responses in
                var head: HTTPRequestHead?
                for try await part in requests {
                    switch part {
                    case .head(let request):
                        head = request
                    case .body:
                        continue
                    case .end:
                        guard let request = head else { continue }
                        head = nil
                        let reply = await reply(method: request.method, uri: request.uri)
                        var headers = HTTPHeaders()
                        headers.add(name: "Content-Type", value: reply.contentType)
                        headers.add(name: "Content-Length", value: String(reply.body.count))
                        if !request.isKeepAlive { headers.add(name: "Connection", value: "close") }
                        try await responses.write(.head(HTTPResponseHead(version: request.version, status: reply.status, headers: headers)))
                        if request.method != .HEAD { try await responses.write(.body(.byteBuffer(ByteBuffer(bytes: reply.body)))) }
                        try await responses.write(.end(nil))
                        if !request.isKeepAlive { return }
                    }
                }
            }
        } catch {
            logger.debug("observability connection ended", metadata: ["error": "\(error)"])
        }
    }
}

/// The observability address could not be bound (in use, not an address of this host, …).
public struct ObservabilityServerError: Error, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var reason: String

    public var description: String {
        "cannot serve /metrics and /health on \(host):\(port) (--metrics-host, --metrics-port): \(reason)"
    }
}

/// What `/health` answers.
public struct HealthReport: Sendable, Codable, Equatable {
    public var healthy: Bool
    public var worker: String
    public var instance: String
    public var brokerConnected: Bool
    /// False while the worker is paused by a configuration failure (``WorkerReadiness``).
    public var ready: Bool
    public var detail: String?

    public init(
        healthy: Bool, worker: String, instance: String, brokerConnected: Bool, ready: Bool = true, detail: String? = nil
    ) {
        self.healthy = healthy
        self.worker = worker
        self.instance = instance
        self.brokerConnected = brokerConnected
        self.ready = ready
        self.detail = detail
    }
}
