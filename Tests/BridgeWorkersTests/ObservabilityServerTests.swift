import BridgeTestSupport
import Foundation
import Logging
import Prometheus
import Testing

@testable import BridgeWorkers

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The workers' `/metrics` and `/health` server, over a real socket on loopback.
@Suite struct ObservabilityServerTests {
    static func request(_ method: String, _ address: String) async throws -> (status: Int, body: String, headers: [AnyHashable: Any]) {
        var request = URLRequest(url: try #require(URL(string: address)))
        request.httpMethod = method
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, String(decoding: data, as: UTF8.self), http.allHeaderFields)
    }

    @Test("serves /metrics and /health, refuses other paths (404) and methods (405), and ends without error when cancelled")
    func servesAndStops() async throws {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(name: "bridge_probe_total").increment(by: Int64(3))
        let healthy = HealthReport(healthy: true, worker: "usage-reporter", instance: "t1", brokerConnected: true)
        let port = try freePort()
        let server = ObservabilityServer(
            port: port, registry: registry, health: { healthy }, logger: Logger(label: "observability-test"))
        let running = Task { try await server.run() }
        defer { running.cancel() }
        let base = "http://127.0.0.1:\(port)"
        var up = false
        for _ in 0..<100 where !up {
            up = (try? await HTTPGet.fetch("\(base)/health")) != nil
            if !up { try await Task.sleep(for: .milliseconds(50)) }
        }
        try #require(up, "the server did not answer on port \(port) within 5 s")

        let metrics = try await Self.request("GET", "\(base)/metrics?x=1")
        #expect(metrics.status == 200)
        #expect(metrics.body.contains("bridge_probe_total 3"))
        let health = try await Self.request("GET", "\(base)/health")
        #expect(health.status == 200)
        #expect(try JSONDecoder().decode(HealthReport.self, from: Data(health.body.utf8)) == healthy)
        let missing = try await Self.request("GET", "\(base)/nope")
        #expect(missing.status == 404)
        #expect(missing.body.contains("/nope"))
        let posted = try await Self.request("POST", "\(base)/metrics")
        #expect(posted.status == 405)

        running.cancel()
        try await running.value
    }

    @Test("/health answers 503 with the reason while the worker is not healthy")
    func unhealthyIs503() async throws {
        let report = HealthReport(
            healthy: false, worker: "provisioner", instance: "t2", brokerConnected: false,
            detail: "broker connection down; reconnecting")
        let server = ObservabilityServer(
            port: 0, registry: PrometheusCollectorRegistry(), health: { report }, logger: Logger(label: "observability-test"))
        let reply = await server.reply(method: .GET, uri: "/health")
        #expect(reply.status == .serviceUnavailable)
        #expect(String(decoding: reply.body, as: UTF8.self).contains("broker connection down"))
        let head = await server.reply(method: .HEAD, uri: "/metrics")
        #expect(head.status == .ok)
    }

    @Test("an address that cannot be bound is an error naming it and the options")
    func bindFailureNamesTheAddress() async throws {
        let server = ObservabilityServer(
            host: "203.0.113.7", port: try freePort(), registry: PrometheusCollectorRegistry(), health: {
                HealthReport(healthy: true, worker: "w", instance: "i", brokerConnected: true)
            }, logger: Logger(label: "observability-test"))
        await #expect {
            try await server.run()
        } throws: { error in
            "\(error)".contains("203.0.113.7") && "\(error)".contains("--metrics-port")
        }
    }
}
