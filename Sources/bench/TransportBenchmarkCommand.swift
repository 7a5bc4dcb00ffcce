import AMQPTransport
import ArgumentParser
import CBareAMQP
import Foundation
import Logging

/// `bench transport`: confirmed publishing and consume-ack throughput of the Swift transport
/// against a bare rabbitmq-c loop, on the same broker in the same run.
struct TransportBenchmarkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transport",
        abstract:
            "Measure the AMQP transport against a bare rabbitmq-c loop (publish with confirms, consume with acks)."
    )

    @Option(help: "Broker URL (default: $PSA_BRIDGE_TEST_AMQP_URL, else amqp://guest:guest@127.0.0.1:5672/%2F).")
    var amqpURL: String?

    @Option(help: "Messages per measurement.")
    var count = 20_000

    @Option(help: "Message body size in bytes.")
    var bodySize = 512

    @Option(help: "Unconfirmed publishes allowed at once.")
    var window = 128

    @Option(help: "Consumer prefetch.")
    var prefetch = 100

    @Option(help: "Runs; the median is reported.")
    var runs = 3

    func validate() throws {
        guard count > 0, bodySize >= 0, window > 0, (1...65535).contains(prefetch), runs > 0 else {
            throw ValidationError("count, window and runs must be positive, prefetch 1...65535, body size not negative")
        }
    }

    func run() async throws {
        let url = BenchJobOptions.brokerURL(amqpURL)
        let configuration = try AMQPConfiguration(url: url, connectionName: "bench.transport")
        var logger = Logger(label: "bench.transport")
        logger.logLevel = .warning
        print(
            "transport benchmark: n=\(count) body=\(bodySize) B window=\(window) prefetch=\(prefetch) runs=\(runs) quorum queue, persistent"
        )
        print("broker: \(configuration.redactedURL)")

        var results: [Measurement] = []
        for run in 1...runs {
            let measurement = try await measureOnce(
                configuration: configuration, logger: logger, bareFirst: run % 2 == 0)
            results.append(measurement)
            print(
                "run \(run): publish swift \(rate(measurement.swiftPublish)) bare \(rate(measurement.barePublish)) | "
                    + "consume swift \(rate(measurement.swiftConsume)) bare \(rate(measurement.bareConsume))  (msg/s)")
        }
        let swiftPublish = median(results.map { rate($0.swiftPublish) })
        let barePublish = median(results.map { rate($0.barePublish) })
        let swiftConsume = median(results.map { rate($0.swiftConsume) })
        let bareConsume = median(results.map { rate($0.bareConsume) })
        print(
            "median confirmed publish: swift \(swiftPublish) msg/s, bare C \(barePublish) msg/s, swift/bare \(percent(swiftPublish, barePublish))"
        )
        print(
            "median consume + ack:     swift \(swiftConsume) msg/s, bare C \(bareConsume) msg/s, swift/bare \(percent(swiftConsume, bareConsume))"
        )
    }

    private struct Measurement {
        var swiftPublish: Double = 0
        var swiftConsume: Double = 0
        var barePublish: Double = 0
        var bareConsume: Double = 0
    }

    private func measureOnce(configuration: AMQPConfiguration, logger: Logger, bareFirst: Bool) async throws
        -> Measurement
    {
        let queue = "bench.transport.\(UUID().uuidString.prefix(8).lowercased())"
        let admin = AMQPConnection(
            configuration: configuration, topology: AMQPTopology(queues: [.quorum(queue)]), logger: logger)
        try await admin.start()
        var measurement = Measurement()
        if bareFirst {
            try measureBare(configuration, queue: queue, into: &measurement)
            try await measureSwift(configuration, queue: queue, logger: logger, into: &measurement)
        } else {
            try await measureSwift(configuration, queue: queue, logger: logger, into: &measurement)
            try measureBare(configuration, queue: queue, into: &measurement)
        }
        try await admin.deleteQueue(queue)
        await admin.close()
        return measurement
    }

    private func measureSwift(
        _ configuration: AMQPConfiguration, queue: String, logger: Logger, into measurement: inout Measurement
    ) async throws {
        let body = [UInt8](repeating: UInt8(ascii: "x"), count: bodySize)
        let count = self.count
        let workers = min(window, count)

        let publishing = AMQPConnection(configuration: configuration, logger: logger)
        try await publishing.start()
        let publisher = try await publishing.makePublisher(window: window)
        let publishStart = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var index = worker
                    while index < count {
                        try await publisher.publish(
                            AMQPOutgoingMessage(exchange: "", routingKey: queue, body: body, timestamp: nil))
                        index += workers
                    }
                }
            }
            try await group.waitForAll()
        }
        measurement.swiftPublish = (ContinuousClock.now - publishStart).seconds / Double(count)
        await publishing.close()

        let consuming = AMQPConnection(configuration: configuration, logger: logger)
        try await consuming.start()
        let consumeStart = ContinuousClock.now
        let consumer = try await consuming.makeConsumer(queue: queue, prefetch: UInt16(prefetch))
        var received = 0
        for await delivery in consumer {
            consumer.ack(delivery)
            received += 1
            if received == count { break }
        }
        measurement.swiftConsume = (ContinuousClock.now - consumeStart).seconds / Double(count)
        await consumer.stopConsuming(timeout: .seconds(10))
        await consuming.close()
        guard received == count else {
            throw ValidationError("the Swift consumer ended after \(received) of \(count) messages")
        }
    }

    private func measureBare(_ configuration: AMQPConfiguration, queue: String, into measurement: inout Measurement)
        throws
    {
        var error = [CChar](repeating: 0, count: 256)
        let published = configuration.host.withCString { host in
            configuration.username.withCString { user in
                configuration.password.withCString { password in
                    configuration.virtualHost.withCString { vhost in
                        var target = bare_amqp_target(
                            host: host, port: Int32(configuration.port), user: user, password: password, vhost: vhost)
                        let publish = bare_publish_confirmed(
                            &target, queue, Int32(count), Int32(bodySize), Int32(window), &error, Int32(error.count))
                        guard publish >= 0 else { return (publish, -1.0) }
                        let consume = bare_consume_ack(
                            &target, queue, Int32(count), Int32(prefetch), &error, Int32(error.count))
                        return (publish, consume)
                    }
                }
            }
        }
        guard published.0 >= 0, published.1 >= 0 else {
            let message = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ValidationError("bare rabbitmq-c loop failed: \(message)")
        }
        measurement.barePublish = published.0 / Double(count)
        measurement.bareConsume = published.1 / Double(count)
    }
}

/// Messages per second from seconds per message.
private func rate(_ secondsPerMessage: Double) -> Int {
    secondsPerMessage > 0 ? Int((1 / secondsPerMessage).rounded()) : 0
}

private func median(_ values: [Int]) -> Int {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

private func percent(_ part: Int, _ whole: Int) -> String {
    whole > 0 ? "\(Int((Double(part) / Double(whole) * 100).rounded()))%" : "n/a"
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
