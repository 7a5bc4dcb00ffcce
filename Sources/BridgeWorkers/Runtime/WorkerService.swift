import BridgeCore
import Logging
import ServiceLifecycle

/// Consumes a worker's queues and runs each delivery through a ``DeliveryProcessor``, up to
/// `concurrency` at once. A `Service`: on graceful shutdown (SIGTERM) it stops taking messages,
/// lets the deliveries it holds finish and be acknowledged, and returns (SPEC S4). Deliveries not
/// acknowledged when the process dies are redelivered by the broker.
public struct WorkerService: Service {
    public var queues: [WorkQueue]
    public var bus: any MessageBus
    public var processor: DeliveryProcessor
    public var prefetch: Int
    public var concurrency: Int
    public var logger: Logger

    public init(
        queues: [WorkQueue], bus: any MessageBus, processor: DeliveryProcessor, prefetch: Int = 100,
        concurrency: Int = 32, logger: Logger
    ) {
        self.queues = queues
        self.bus = bus
        self.processor = processor
        self.prefetch = prefetch
        self.concurrency = concurrency
        self.logger = logger
    }

    public func run() async throws {
        var subscribed: [(WorkQueue, any BusSubscription)] = []
        for queue in queues {
            subscribed.append((queue, try await bus.subscribe(queue: queue.name, prefetch: prefetch)))
        }
        let subscriptions = subscribed
        logger.info("consuming", metadata: ["queues": "\(queues.map(\.name))"])
        let limiter = ConcurrencyLimiter(limit: concurrency)
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for (queue, subscription) in subscriptions {
                    group.addTask {
                        await withDiscardingTaskGroup { handlers in
                            for await delivery in subscription.deliveries {
                                await limiter.acquire()
                                handlers.addTask {
                                    await processor.process(delivery, from: queue)
                                    await limiter.release()
                                }
                            }
                        }
                    }
                }
            }
        } onGracefulShutdown: {
            // Stop the broker delivering; the sequences end once it confirmed, and the task
            // groups above wait for every handler still running to settle its delivery.
            Task {
                for (_, subscription) in subscriptions { await subscription.stop() }
            }
        }
        logger.info("drained and stopped")
    }
}

/// A counting semaphore for tasks.
actor ConcurrencyLimiter {
    private let limit: Int
    private var inUse = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = max(1, limit) }

    func acquire() async {
        if inUse < limit {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            inUse -= 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
