import BridgeValues
import BridgeCore
import BridgeState
import Foundation
import Logging
import Metrics

/// Takes one delivery through the fleet's pipeline: decode and validate, claim in the inbox, handle,
/// then acknowledge, defer for a retry, or dead-letter with the reason (SPEC S3, S5).
///
/// Nothing is lost: a delivery is acknowledged only after its outcome is durable (inbox row
/// committed, the retry's copy committed to the state's deferred messages, which a
/// ``DeferredRelay`` publishes back when due, or the dead-letter copy confirmed by the broker).
/// If that fails the delivery is left unacknowledged and the broker delivers it again.
public struct DeliveryProcessor: Sendable {
    public var worker: WorkerKind
    public var instance: String
    public var decoder: MessageDecoder
    public var store: StateStore
    public var bus: any MessageBus
    public var retryPolicy: RetryPolicy
    public var handler: any MessageHandler
    public var logger: Logger
    public var metrics: WorkerMetrics
    /// Whether the worker can do its job; while it is paused deliveries go back to their queue
    /// unhandled, and a handler's configuration failure pauses it.
    public var readiness: WorkerReadiness?

    public init(
        worker: WorkerKind, instance: String, decoder: MessageDecoder, store: StateStore, bus: any MessageBus,
        retryPolicy: RetryPolicy, handler: any MessageHandler, logger: Logger, metrics: WorkerMetrics,
        readiness: WorkerReadiness? = nil
    ) {
        self.readiness = readiness
        self.worker = worker
        self.instance = instance
        self.decoder = decoder
        self.store = store
        self.bus = bus
        self.retryPolicy = retryPolicy
        self.handler = handler
        self.logger = logger
        self.metrics = metrics
    }

    /// What happened to a delivery; returned for tests and logs.
    public enum Outcome: Sendable, Equatable {
        case handled
        case duplicate
        case deferred(tier: String)
        case retried(tier: String, nextAttempt: Int)
        case deadLettered(code: String)
        /// The outcome could not be made durable; the delivery was requeued.
        case requeued(reason: String)
        /// The worker is paused by a configuration failure: the delivery went back to its queue
        /// as it came, without spending an attempt.
        case handedBack(reason: String)
    }

    /// Processes one delivery from `queue` and settles it. Never throws.
    @discardableResult
    public func process(_ delivery: BusDelivery, from queue: WorkQueue) async -> Outcome {
        metrics.consumed.increment()
        let attempt = max(1, delivery.headers[BridgeHeaders.attempt]?.intValue ?? 1)
        var logger = self.logger
        logger[metadataKey: "queue"] = "\(queue.name)"
        logger[metadataKey: "attempt"] = "\(attempt)"
        if let id = delivery.messageId { logger[metadataKey: "message.id"] = "\(id)" }
        if let readiness, case .paused(let reason, _) = await readiness.state {
            return await handBack(delivery, to: queue, reason: reason, logger: logger)
        }

        let message: Message
        do {
            message = try decoder.decode(Data(delivery.body))
        } catch {
            logger.warning("malformed message dead-lettered", metadata: ["reason": "\(error.description)"])
            return await deadLetter(
                delivery, from: queue, attempt: attempt, code: error.code.rawValue, detail: error.description,
                logger: logger)
        }
        logger[metadataKey: "message.type"] = "\(message.type.rawValue)"
        logger[metadataKey: "message.id"] = "\(message.messageId.uuidString.lowercased())"

        let claim: InboxClaim
        do {
            claim = try await store.claimMessage(
                worker: worker.rawValue, messageId: message.messageId.uuidString.lowercased(),
                idempotencyKey: message.idempotencyKey)
        } catch {
            logger.error("inbox claim failed; message requeued", metadata: ["error": "\(error)"])
            return await requeue(delivery, reason: "inbox claim failed: \(error)")
        }
        switch claim {
        case .alreadyDone:
            logger.debug("duplicate skipped (already handled)")
            await delivery.ack()
            metrics.acked.increment()
            metrics.duplicates.increment()
            return .duplicate
        case .inProgress(let owner, let leaseUntil):
            // Another instance holds it (or held it and crashed): look again after the shortest
            // delay, without spending an attempt.
            logger.info("message held by \(owner) until \(leaseUntil); deferred")
            let tier = retryPolicy.tiers[0]
            if await deferForRetry(delivery, message: message, to: tier, queue: queue, attempt: attempt, logger: logger) {
                await delivery.ack()
                return .deferred(tier: tier.name)
            }
            return await requeue(delivery, reason: "could not defer")
        case .new:
            break
        }

        let context = HandlerContext(worker: worker, instance: instance, queue: queue, attempt: attempt, logger: logger)
        let started = ContinuousClock.now
        do {
            try await handler.handle(message, context: context)
            metrics.handlerDuration.recordNanoseconds(
                (ContinuousClock.now - started).nanoseconds)
        } catch {
            metrics.handlerDuration.recordNanoseconds((ContinuousClock.now - started).nanoseconds)
            return await failed(delivery, message: message, queue: queue, attempt: attempt, error: error, logger: logger)
        }
        do {
            try await store.completeMessage(worker: worker.rawValue, idempotencyKey: message.idempotencyKey)
        } catch {
            logger.error("inbox completion failed; message requeued", metadata: ["error": "\(error)"])
            return await requeue(delivery, reason: "inbox completion failed: \(error)")
        }
        await delivery.ack()
        metrics.acked.increment()
        return .handled
    }

    private func failed(
        _ delivery: BusDelivery, message: Message, queue: WorkQueue, attempt: Int, error: any Error, logger: Logger
    ) async -> Outcome {
        let kind: FailureKind
        var retryAfter: Duration?
        if let configuration = HandlerFailure.configurationReason(of: error) {
            // A state of the worker, not of the message: when the worker's check fails too, pause
            // and hand the message back unspent; when it passes, the failure is this message's.
            let verdict = await readiness?.confirm() ?? .passed
            if case .failed(let reason) = verdict {
                _ = try? await store.failMessage(
                    worker: worker.rawValue, idempotencyKey: message.idempotencyKey, error: "paused: \(reason)",
                    permanent: false)
                return await handBack(delivery, to: queue, reason: reason, logger: logger)
            }
            logger.warning(
                "configuration failure not confirmed by the worker's check; retried as this message's failure",
                metadata: ["error": "\(configuration)", "check": "\(verdict)"])
        }
        switch error {
        case HandlerFailure.configuration(let text):
            kind = .transient("configuration failure: \(text)")
        case HandlerFailure.transient(let text, let after):
            kind = .transient(text)
            retryAfter = after
        case HandlerFailure.permanent(let text):
            kind = .permanent(text)
        case let failure as HandlerFailure:
            kind = .permanent(failure.description)
        default:
            kind = .transient(String(describing: error))
        }
        switch retryPolicy.decision(attempt: attempt, failure: kind, retryAfter: retryAfter) {
        case .retry(let tier, let nextAttempt):
            logger.warning(
                "handler failed; retrying", metadata: ["error": "\(error)", "tier": "\(tier.name)", "next": "\(nextAttempt)"])
            _ = try? await store.failMessage(
                worker: worker.rawValue, idempotencyKey: message.idempotencyKey, error: "\(error)", permanent: false)
            if await deferForRetry(delivery, message: message, to: tier, queue: queue, attempt: nextAttempt, logger: logger) {
                await delivery.ack()
                metrics.retried.increment()
                return .retried(tier: tier.name, nextAttempt: nextAttempt)
            }
            return await requeue(delivery, reason: "could not defer the retry")
        case .deadLetter(let reason):
            logger.error("handler failed; dead-lettered", metadata: ["reason": "\(reason.description)"])
            _ = try? await store.failMessage(
                worker: worker.rawValue, idempotencyKey: message.idempotencyKey, error: reason.description, permanent: true)
            return await deadLetter(
                delivery, from: queue, attempt: attempt, code: reason.code, detail: reason.description,
                idempotencyKey: message.idempotencyKey, logger: logger)
        }
    }

    /// Puts the message aside in the state for `tier`'s delay; the worker's ``DeferredRelay``
    /// publishes it back to `queue` when due.
    private func deferForRetry(
        _ delivery: BusDelivery, message: Message, to tier: RetryTier, queue: WorkQueue, attempt: Int, logger: Logger
    ) async -> Bool {
        var headers = delivery.headers
        headers[BridgeHeaders.attempt] = .int(attempt)
        headers[BridgeHeaders.originalExchange] = headers[BridgeHeaders.originalExchange] ?? .string(delivery.exchange)
        headers[BridgeHeaders.originalRoutingKey] =
            headers[BridgeHeaders.originalRoutingKey] ?? .string(delivery.routingKey)
        let body = MessageEncoder().encode(message.withAttempt(attempt))
        do {
            try await store.deferMessage(
                queue: queue.name, messageId: message.messageId.uuidString.lowercased(),
                headers: DeferredRelay.json(fromHeaders: headers), body: Data(body),
                delay: Double(tier.milliseconds) / 1000, deferredBy: "\(worker.rawValue)@\(instance)")
            return true
        } catch {
            logger.error("deferring the message for \(tier.name) failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    private func deadLetter(
        _ delivery: BusDelivery, from queue: WorkQueue, attempt: Int, code: String, detail: String,
        idempotencyKey: String? = nil, logger: Logger
    ) async -> Outcome {
        // Dead-lettering is itself a write: claimed as an effect, so a worker killed after the
        // broker confirmed the dead letter but before its ack does not dead-letter it twice when
        // the message is redelivered. A replay raises the replay count, so it gets a new key.
        let replays = delivery.headers[BridgeHeaders.replayCount]?.intValue ?? 0
        let effectKey = (idempotencyKey ?? delivery.messageId).map {
            "dead-letter:\(worker.rawValue):\(replays):\($0)"
        }
        if let effectKey {
            switch try? await store.claimEffect(key: effectKey, kind: "dead-letter", target: queue.deadLetterQueue) {
            case .completed?:
                logger.info("already dead-lettered; redelivery acknowledged")
                await delivery.ack()
                metrics.duplicates.increment()
                return .duplicate
            default:
                // First claim, a reclaim after a crash, or a claim still leased to an instance that
                // died moments ago: publish. At worst a dead letter is kept twice, never lost.
                break
            }
        }
        var headers = delivery.headers
        headers[BridgeHeaders.attempt] = .int(attempt)
        headers[BridgeHeaders.deadReason] = .string(code)
        headers[BridgeHeaders.deadDetail] = .string(String(detail.prefix(2000)))
        headers[BridgeHeaders.sourceQueue] = .string(queue.name)
        headers[BridgeHeaders.originalExchange] = headers[BridgeHeaders.originalExchange] ?? .string(delivery.exchange)
        headers[BridgeHeaders.originalRoutingKey] =
            headers[BridgeHeaders.originalRoutingKey] ?? .string(delivery.routingKey)
        headers[BridgeHeaders.deadAt] = .string(Timestamp.format(Date(), fractionalSeconds: false))
        headers[BridgeHeaders.deadBy] = .string("\(worker.rawValue)@\(instance)")
        // The body is kept byte for byte, so a malformed message can be inspected and fixed.
        let outbound = OutboundMessage(
            exchange: FleetTopology.deadExchange, routingKey: queue.name, messageId: delivery.messageId,
            headers: headers, body: delivery.body)
        do {
            try await bus.publish([outbound])
        } catch {
            logger.error("dead-letter publish failed; message requeued", metadata: ["error": "\(error)"])
            if let effectKey { _ = try? await store.failEffect(key: effectKey, error: "\(error)") }
            return await requeue(delivery, reason: "could not dead-letter: \(error)")
        }
        if let effectKey {
            _ = try? await store.completeEffect(key: effectKey, externalRef: delivery.messageId, result: nil)
        }
        await delivery.ack()
        metrics.deadLettered.increment()
        return .deadLettered(code: code)
    }

    /// Returns the delivery to its queue as it came (body, headers, attempt), then acknowledges
    /// it. A republish rather than a broker requeue, so a pause does not count towards the
    /// quorum queue's delivery limit. If the republish fails the broker requeues it.
    private func handBack(_ delivery: BusDelivery, to queue: WorkQueue, reason: String, logger: Logger) async -> Outcome {
        let outbound = OutboundMessage(
            exchange: "", routingKey: queue.name, messageId: delivery.messageId, headers: delivery.headers,
            body: delivery.body)
        do {
            try await bus.publish([outbound])
        } catch {
            logger.warning("hand-back publish failed; message requeued", metadata: ["error": "\(error)"])
            return await requeue(delivery, reason: "paused (\(reason)); hand-back failed: \(error)")
        }
        await delivery.ack()
        metrics.handedBack.increment()
        logger.debug("worker paused; message handed back to \(queue.name)")
        return .handedBack(reason: reason)
    }

    private func requeue(_ delivery: BusDelivery, reason: String) async -> Outcome {
        await delivery.reject(requeue: true)
        metrics.requeued.increment()
        return .requeued(reason: reason)
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
