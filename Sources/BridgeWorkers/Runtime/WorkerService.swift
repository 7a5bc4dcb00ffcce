import BridgeCore
import Logging
import ServiceLifecycle

/// Consumes a worker's queues and runs each delivery through a ``DeliveryProcessor``, up to
/// `concurrency` at once. A `Service`: on graceful shutdown (SIGTERM) it stops taking messages,
/// lets the deliveries it holds finish and be acknowledged, and returns (SPEC S4). Deliveries not
/// acknowledged when the process dies are redelivered by the broker.
///
/// Beside the consumers it runs the worker's ``DeferredRelay``, which publishes the messages this
/// worker's queues deferred for a retry back to them when due.
///
/// When the worker's ``WorkerReadiness`` pauses (a configuration failure), the service cancels
/// its consumers; the deliveries it still holds go back to their queues unhandled. It then runs
/// the worker's check with growing delay and, once it passes, resumes and consumes again.
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
        let relay = Task { [queues, bus, processor, logger] in
            await DeferredRelay(queues: queues, store: processor.store, bus: bus, logger: logger).run()
        }
        defer { relay.cancel() }
        let control = ConsumerControl()
        // A cancelled run (a service group past its shutdown timeout, a test ending a worker)
        // stops its consumers too: the deliveries they buffered go back to the queue instead of
        // staying held by a consumer nobody reads.
        try await withTaskCancellationHandler {
            try await consumeUntilShutdown(control)
        } onCancel: {
            Task { await control.shutDown() }
        }
    }

    private func consumeUntilShutdown(_ control: ConsumerControl) async throws {
        try await withGracefulShutdownHandler {
            var first = true
            while !(await control.isShuttingDown) {
                let subscriptions: [(WorkQueue, any BusSubscription)]
                do {
                    subscriptions = try await subscribe()
                } catch where !first {
                    logger.error("subscribing again failed; retrying", metadata: ["error": "\(error)"])
                    try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(2)) }
                    continue
                }
                first = false
                await control.started(subscriptions.map(\.1))
                logger.info("consuming", metadata: ["queues": "\(queues.map(\.name))"])
                await consume(subscriptions)
                if Task.isCancelled {
                    // A cancelled task ends its delivery loops at once, maybe before the
                    // cancellation handler's shutdown ran: stop the consumers here, so the broker
                    // takes back what they buffered instead of holding it for a consumer nobody reads.
                    await control.shutDown()
                }
                await control.stopped()
                guard let readiness = processor.readiness, await readiness.isPaused, !(await control.isShuttingDown)
                else { break }
                await recover(readiness, control: control)
            }
        } onGracefulShutdown: {
            // Stop the broker delivering; the sequences end once it confirmed, and the task
            // groups below wait for every handler still running to settle its delivery.
            Task { await control.shutDown() }
        }
        logger.info("drained and stopped")
    }

    private func subscribe() async throws -> [(WorkQueue, any BusSubscription)] {
        var subscribed: [(WorkQueue, any BusSubscription)] = []
        for queue in queues {
            subscribed.append((queue, try await bus.subscribe(queue: queue.name, prefetch: prefetch)))
        }
        return subscribed
    }

    /// Handles deliveries until the subscriptions end: at shutdown, or when the worker pauses.
    private func consume(_ subscriptions: [(WorkQueue, any BusSubscription)]) async {
        let watcher = processor.readiness.map { readiness in
            Task { [logger] in
                await readiness.waitUntilPaused()
                guard !Task.isCancelled else { return }
                logger.warning("configuration failure: cancelling the consumers; held messages go back to their queues")
                for (_, subscription) in subscriptions { await subscription.stop() }
            }
        }
        let limiter = ConcurrencyLimiter(limit: concurrency)
        let processor = self.processor
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
        watcher?.cancel()
    }

    /// While paused: checks again with growing delay until the check passes or the service shuts down.
    private func recover(_ readiness: WorkerReadiness, control: ConsumerControl) async {
        processor.metrics.paused.record(1)
        defer { processor.metrics.paused.record(0) }
        var attempt = 0
        while !(await control.isShuttingDown), !Task.isShuttingDownGracefully {
            let delay = readiness.delay(beforeCheck: attempt)
            attempt += 1
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
            if await control.isShuttingDown || Task.isShuttingDownGracefully { return }
            switch await readiness.evaluate() {
            case .passed:
                await readiness.resume()
                return
            case .failed(let reason):
                await readiness.stillPaused(reason)
                logger.info("still paused; next check in \(readiness.delay(beforeCheck: attempt))", metadata: ["reason": "\(reason)"])
            case .inconclusive(let detail):
                logger.info("readiness check inconclusive; still paused", metadata: ["detail": "\(detail)"])
            }
        }
    }
}

/// The subscriptions in use and whether the service is shutting down, shared with the
/// graceful-shutdown handler.
actor ConsumerControl {
    private var subscriptions: [any BusSubscription] = []
    private(set) var isShuttingDown = false

    /// Records the subscriptions in use; stops them at once when shutdown began meanwhile.
    func started(_ subscriptions: [any BusSubscription]) async {
        self.subscriptions = subscriptions
        if isShuttingDown {
            for subscription in subscriptions { await subscription.stop() }
        }
    }

    func stopped() { subscriptions = [] }

    private var stopping: [Task<Void, Never>] = []

    /// Stops the subscriptions in use, once each, and returns when they are stopped: the
    /// cancellation handler and a cancelled delivery loop may both ask, and the later caller
    /// waits for the stop the earlier one began.
    func shutDown() async {
        isShuttingDown = true
        let current = subscriptions
        subscriptions = []
        if !current.isEmpty {
            stopping.append(Task { for subscription in current { await subscription.stop() } })
        }
        for task in stopping { await task.value }
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
