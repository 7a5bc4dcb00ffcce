import Foundation
import Hummingbird
import Logging
import Prometheus

/// Serves `/metrics` (Prometheus text format) and `/health` (JSON) for one worker instance.
public struct ObservabilityServer: Sendable {
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

    /// The HTTP application, a `Service` to run in the worker's `ServiceGroup`.
    public func application() -> some ApplicationProtocol {
        let router = Router()
        let registry = self.registry
        let health = self.health
        router.get("metrics") { _, _ -> Response in
            var buffer = [UInt8]()
            registry.emit(into: &buffer)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
        }
        router.get("health") { _, _ -> Response in
            let report = await health()
            let body = (try? JSONEncoder().encode(report)) ?? Data("{}".utf8)
            return Response(
                status: report.healthy ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "psa-bridge"),
            logger: logger)
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
