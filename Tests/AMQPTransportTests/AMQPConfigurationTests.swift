import Testing

@testable import AMQPTransport

@Suite("AMQP URL parsing")
struct AMQPConfigurationTests {
    @Test("full URL with percent-encoded vhost %2F means '/'")
    func fullURL() throws {
        let configuration = try AMQPConfiguration(url: "amqp://bridge:p%40ss%3Aword@broker.internal:5673/%2F")
        #expect(configuration.host == "broker.internal")
        #expect(configuration.port == 5673)
        #expect(configuration.username == "bridge")
        #expect(configuration.password == "p@ss:word")
        #expect(configuration.virtualHost == "/")
    }

    @Test("named vhost, default port, user without password")
    func namedVhost() throws {
        let configuration = try AMQPConfiguration(url: "amqp://ops@10.0.0.5/psa%20prod")
        #expect(configuration.host == "10.0.0.5")
        #expect(configuration.port == 5672)
        #expect(configuration.username == "ops")
        #expect(configuration.password == "guest")
        #expect(configuration.virtualHost == "psa prod")
    }

    @Test("no path means vhost '/', empty path means vhost '' (RabbitMQ URI spec)")
    func vhostDefaults() throws {
        #expect(try AMQPConfiguration(url: "amqp://localhost").virtualHost == "/")
        #expect(try AMQPConfiguration(url: "amqp://localhost/").virtualHost == "")
        #expect(try AMQPConfiguration(url: "amqp://").host == "localhost")
    }

    @Test("IPv6 literal in brackets")
    func ipv6() throws {
        let configuration = try AMQPConfiguration(url: "amqp://u:p@[::1]:5999/v")
        #expect(configuration.host == "::1")
        #expect(configuration.port == 5999)
        #expect(configuration.redactedURL == "amqp://u:***@[::1]:5999/v")
    }

    @Test("query parameters heartbeat, connection_timeout, frame_max, connection_name")
    func queryParameters() throws {
        let configuration = try AMQPConfiguration(
            url:
                "amqp://h/%2F?heartbeat=10&connection_timeout=2500&frame_max=65536&connection_name=worker%201&channel_max=9"
        )
        #expect(configuration.heartbeat == .seconds(10))
        #expect(configuration.connectTimeout == .milliseconds(2500))
        #expect(configuration.frameMax == 65536)
        #expect(configuration.connectionName == "worker 1")
    }

    @Test("bad URLs are refused with an error naming the problem and never the password")
    func badURLs() {
        let cases: [(String, String)] = [
            ("localhost:5672", "missing scheme"),
            ("http://h/", "unsupported scheme"),
            ("amqps://u:secretpw@h/", "TLS"),
            ("amqp://u:secretpw@h:99999/", "port"),
            ("amqp://u:secretpw@h:abc/", "port"),
            ("amqp://u:secret%zzpw@h/", "password"),
            ("amqp://u:secretpw@h/a/b", "single path segment"),
            ("amqp://u:secretpw@h/?heartbeat=soon", "heartbeat"),
        ]
        for (url, expected) in cases {
            do {
                _ = try AMQPConfiguration(url: url)
                Issue.record("\(url) was accepted")
            } catch {
                guard case .invalidURL(let reason) = error else {
                    Issue.record("\(url): unexpected error \(error)")
                    continue
                }
                #expect(reason.contains(expected), "\(url): \(reason)")
                #expect(!"\(error)".contains("secret"), "\(url): the error shows the password")
            }
        }
    }

    @Test("description and redactedURL hide the password")
    func redaction() throws {
        let configuration = try AMQPConfiguration(url: "amqp://bridge:hunter2@h:5672/%2F")
        #expect(configuration.description == "amqp://bridge:***@h:5672/%2F")
        #expect(!"\(configuration)".contains("hunter2"))
    }

    @Test("reconnect delay grows exponentially with jitter in [base/2, base], capped")
    func reconnectPolicy() {
        let policy = AMQPReconnectPolicy(initialDelay: .milliseconds(100), maximumDelay: .seconds(2), multiplier: 2)
        var generator = SystemRandomNumberGenerator()
        for attempt in 0..<10 {
            let base = min(0.1 * Double(1 << attempt), 2.0)
            for _ in 0..<20 {
                let delay = policy.delay(attempt: attempt, using: &generator).seconds
                #expect(delay >= base / 2 - 1e-9 && delay <= base + 1e-9, "attempt \(attempt): \(delay)")
            }
        }
    }
}
