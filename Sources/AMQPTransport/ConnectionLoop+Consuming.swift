import CRabbitMQ
import Logging

// Consumers: qos, consume, deliveries, settlements, broker cancels, graceful stop.

extension ConnectionLoop {
    func addConsumer(
        queue: String, prefetch: UInt16, arguments: AMQPTable, buffer: DeliveryBuffer, status: ConsumerStatus
    ) -> Int {
        let id = nextSlotID
        nextSlotID += 1
        let channel = allocateChannel(for: .consumer(id))
        let tag = "\(configuration.connectionName).\(queue).\(id).\(UInt32.random(in: 0...UInt32.max, using: &random))"
        consumers[id] = ConsumerSlot(
            id: id, channel: channel, queue: queue, prefetch: prefetch, consumerTag: tag, arguments: arguments,
            buffer: buffer, status: status)
        return id
    }

    /// Starts a newly added consumer now if connected; a broker refusal (missing queue, access)
    /// removes it and is reported to the caller of ``AMQPConnection/makeConsumer(queue:prefetch:arguments:)``.
    func startConsumerNow(_ id: Int) throws(AMQPError) {
        guard let slot = consumers[id], isConnected else { return }
        do {
            try startConsumerRPC(slot)
        } catch {
            let mapped = mapOperationError(error)
            if case .channelClosed = mapped {
                removeConsumer(slot)
                throw mapped
            }
        }
    }

    /// Timer path: (re)opens the channel, sets qos and consumes; retries later on a broker refusal.
    func startConsumer(_ slot: ConsumerSlot) throws(ConnectionFailure) {
        do {
            try startConsumerRPC(slot)
        } catch {
            switch error {
            case .connection(let failure):
                throw failure
            case .channel(let code, let text):
                logger.error(
                    "starting an AMQP consumer failed; will retry",
                    metadata: [
                        "queue": "\(slot.queue)", "code": "\(code)", "text": "\(text)",
                    ])
            }
        }
    }

    private func startConsumerRPC(_ slot: ConsumerSlot) throws(RPCError) {
        guard let connection else { throw .connection(ConnectionFailure(reason: "not connected")) }
        if !slot.channelOpen {
            try openChannel(slot.channel)
            slot.channelOpen = true
            slot.generation = nextGeneration()
            slot.tracker.reset()
            _ = amqp_basic_qos(connection, slot.channel, 0, slot.prefetch, 0)
            try checkLastReply(channel: slot.channel, "basic.qos \(slot.prefetch)")
        }
        _ = amqp_basic_consume(
            connection, slot.channel, arena.bytes(slot.queue), arena.bytes(slot.consumerTag), 0, 0, 0,
            arena.table(slot.arguments))
        try checkLastReply(channel: slot.channel, "basic.consume '\(slot.queue)'")
        slot.phase = .consuming
        slot.restartAt = nil
        slot.restartAttempt = 0
        slot.status.update { $0.consuming = true }
        logger.debug("AMQP consumer started", metadata: ["queue": "\(slot.queue)", "prefetch": "\(slot.prefetch)"])
    }

    /// `basic.deliver`: reads the content and hands the delivery to the consumer's buffer.
    func handleDeliver(channel: UInt16, _ method: amqp_basic_deliver_t) throws(ConnectionFailure) {
        let tag = method.delivery_tag
        let redelivered = method.redelivered != 0
        let exchange = method.exchange.string
        let routingKey = method.routing_key.string
        let slot: ConsumerSlot?
        if case .consumer(let id) = owners[channel] { slot = consumers[id] } else { slot = nil }
        let delivery: AMQPDelivery
        do {
            delivery = try readContent(
                channel: channel, exchange: exchange, routingKey: routingKey, tag: tag, redelivered: redelivered,
                consumerTag: slot?.consumerTag ?? method.consumer_tag.string, generation: slot?.generation ?? 0)
        } catch {
            if case .connection(let failure) = error { throw failure }
            return
        }
        guard let slot, slot.channelOpen else {
            logger.warning("delivery on a channel without a consumer", metadata: ["channel": "\(channel)"])
            return
        }
        slot.tracker.delivered(tag)
        if slot.phase == .consuming, slot.buffer.push(delivery) {
            return
        }
        // Stopping: give it back to the queue at once.
        try settleNow(slot, tag: tag, .nack(requeue: true))
    }

    private func settleNow(_ slot: ConsumerSlot, tag: UInt64, _ settlement: Settlement) throws(ConnectionFailure) {
        guard let connection, slot.tracker.settle(tag) else { return }
        let result = send(settlement, tag: tag, multiple: false, channel: slot.channel, on: connection)
        guard result == AMQP_STATUS_OK.rawValue else {
            throw ConnectionFailure(reason: "sending basic.nack: \(Self.statusText(result))")
        }
    }

    // MARK: - Settlements

    func queueSettlement(consumer id: Int, generation: UInt64, tag: UInt64, _ settlement: Settlement) {
        guard let slot = consumers[id], slot.channelOpen, slot.generation == generation, generation != 0 else {
            logger.debug(
                "dropping a settlement for a closed channel generation",
                metadata: [
                    "deliveryTag": "\(tag)", "generation": "\(generation)",
                ])
            return
        }
        if slot.pendingSettles.isEmpty { dirtyConsumers.append(slot) }
        slot.pendingSettles.append((tag, settlement))
    }

    /// Sends the settlements queued by ``queueSettlement(consumer:generation:tag:_:)``: nacks and
    /// rejects one by one, then acks coalesced into as few frames as possible.
    func flushSettlements() {
        guard !dirtyConsumers.isEmpty else { return }
        let slots = dirtyConsumers
        dirtyConsumers.removeAll(keepingCapacity: true)
        guard let connection else {
            for slot in slots { slot.pendingSettles.removeAll() }
            return
        }
        for slot in slots {
            let batch = slot.pendingSettles
            slot.pendingSettles.removeAll(keepingCapacity: true)
            guard slot.channelOpen else { continue }
            var acks: [UInt64] = []
            var seen = Set<UInt64>()
            for (tag, settlement) in batch {
                guard slot.tracker.isUnsettled(tag), seen.insert(tag).inserted else {
                    logger.warning(
                        "ignoring a second settlement of the same delivery",
                        metadata: [
                            "queue": "\(slot.queue)", "deliveryTag": "\(tag)",
                        ])
                    continue
                }
                if settlement == .ack {
                    acks.append(tag)
                } else {
                    slot.tracker.settle(tag)
                    if !sendOrDefer(settlement, tag: tag, multiple: false, slot: slot, connection: connection) {
                        return
                    }
                }
            }
            let (multipleUpTo, singles) = slot.tracker.settleAcks(acks)
            if let multipleUpTo {
                if !sendOrDefer(.ack, tag: multipleUpTo, multiple: true, slot: slot, connection: connection) { return }
            }
            for tag in singles {
                if !sendOrDefer(.ack, tag: tag, multiple: false, slot: slot, connection: connection) { return }
            }
        }
    }

    private func sendOrDefer(
        _ settlement: Settlement, tag: UInt64, multiple: Bool, slot: ConsumerSlot, connection: amqp_connection_state_t
    ) -> Bool {
        let result = send(settlement, tag: tag, multiple: multiple, channel: slot.channel, on: connection)
        if result == AMQP_STATUS_OK.rawValue { return true }
        if deferredFailure == nil {
            deferredFailure = ConnectionFailure(reason: "sending basic.ack/nack: \(Self.statusText(result))")
        }
        return false
    }

    // MARK: - Cancel, channel loss, stop

    /// `basic.cancel` from the broker (queue deleted, leader lost, consumer timeout).
    func handleBrokerCancel(channel: UInt16, _ method: amqp_basic_cancel_t) throws(ConnectionFailure) {
        guard let connection, case .consumer(let id) = owners[channel], let slot = consumers[id] else { return }
        if method.nowait == 0 {
            var ok = amqp_basic_cancel_ok_t(consumer_tag: method.consumer_tag)
            let result = amqp_send_method(connection, channel, AMQP_BASIC_CANCEL_OK_METHOD, &ok)
            guard result == AMQP_STATUS_OK.rawValue else {
                throw ConnectionFailure(reason: "sending basic.cancel-ok: \(Self.statusText(result))")
            }
        }
        slot.status.update {
            $0.brokerCancellations += 1
            $0.consuming = false
        }
        guard slot.phase == .consuming else { return }
        logger.warning(
            "AMQP consumer cancelled by the broker; re-declaring the topology and consuming again",
            metadata: [
                "queue": "\(slot.queue)"
            ])
        // The channel stays open and its unsettled deliveries stay valid.
        slot.phase = .starting
        slot.status.update { $0.restarts += 1 }
        let delay = configuration.reconnect.delay(attempt: slot.restartAttempt, using: &random)
        slot.restartAttempt += 1
        slot.restartAt = slot.restartAttempt == 1 ? .now : .now + delay
        topologyNeedsDeclare = true
    }

    /// The consumer's channel is gone (connection loss or channel close): its deliveries are
    /// void, the broker requeues them. A stopping consumer is done; others start again.
    func consumerChannelGone(_ slot: ConsumerSlot, reason: String) {
        let wasOpen = slot.channelOpen
        slot.channelOpen = false
        slot.generation = 0
        let purged = slot.buffer.purge(keeping: 0)
        slot.pendingSettles.removeAll()
        let abandoned = slot.tracker.unsettledCount
        slot.tracker.reset()
        if slot.stopping != nil {
            removeConsumer(slot, abandoned: abandoned)
            return
        }
        if wasOpen {
            slot.status.update {
                $0.consuming = false
                $0.restarts += 1
            }
            logger.info(
                "AMQP consumer channel gone; the broker requeues its unsettled deliveries",
                metadata: [
                    "queue": "\(slot.queue)", "reason": "\(reason)", "purged": "\(purged)", "unsettled": "\(abandoned)",
                ])
        }
        slot.phase = .starting
        slot.restartAt = .now
    }

    /// Starts a graceful stop: `basic.cancel`, buffered deliveries go back to the queue, then wait
    /// until the caller has settled what it holds or `deadline` passes.
    func stopConsumer(_ slot: ConsumerSlot, deadline: ContinuousClock.Instant, waiter: CheckedContinuation<Int, Never>?)
    {
        if var stopping = slot.stopping {
            if let waiter { stopping.waiters.append(waiter) }
            stopping.deadline = min(stopping.deadline, deadline)
            slot.stopping = stopping
            return
        }
        slot.stopping = (deadline, waiter.map { [$0] } ?? [])
        slot.status.update { $0.consuming = false }
        let wasConsuming = slot.phase == .consuming
        slot.phase = .draining
        guard let connection, slot.channelOpen else {
            removeConsumer(slot, abandoned: 0)
            return
        }
        if wasConsuming {
            _ = amqp_basic_cancel(connection, slot.channel, arena.bytes(slot.consumerTag))
            do {
                try checkLastReply(channel: slot.channel, "basic.cancel '\(slot.queue)'")
            } catch {
                if case .connection(let failure) = error, deferredFailure == nil { deferredFailure = failure }
                return  // The channel or connection is gone; that path finishes the stop.
            }
        }
        let left = slot.buffer.finish()
        for delivery in left where delivery.generation == slot.generation {
            if slot.tracker.settle(delivery.deliveryTag) {
                if !sendOrDefer(
                    .nack(requeue: true), tag: delivery.deliveryTag, multiple: false, slot: slot, connection: connection
                ) {
                    return
                }
            }
        }
        logger.info(
            "AMQP consumer stopping",
            metadata: [
                "queue": "\(slot.queue)", "returnedToQueue": "\(left.count)",
                "heldByHandlers": "\(slot.tracker.unsettledCount)",
            ])
    }

    func completeConsumerStop(_ slot: ConsumerSlot) throws(ConnectionFailure) {
        let abandoned = slot.tracker.unsettledCount
        let wasOpen = slot.channelOpen
        slot.channelOpen = false
        slot.generation = 0
        removeConsumer(slot, abandoned: abandoned)
        if wasOpen && connection != nil {
            do {
                try closeChannel(slot.channel)
            } catch {
                if case .connection(let failure) = error { throw failure }
            }
        }
    }

    /// Forgets a consumer: ends its sequence and answers everyone waiting for its stop.
    func removeConsumer(_ slot: ConsumerSlot, abandoned: Int = 0) {
        consumers[slot.id] = nil
        owners[slot.channel] = nil
        _ = slot.buffer.finish()
        slot.status.update {
            $0.consuming = false
            $0.stopped = true
        }
        if abandoned > 0 {
            logger.warning(
                "AMQP consumer stopped with unsettled deliveries; the broker requeues them",
                metadata: [
                    "queue": "\(slot.queue)", "unsettled": "\(abandoned)",
                ])
        }
        for waiter in slot.stopping?.waiters ?? [] { waiter.resume(returning: abandoned) }
        slot.stopping = nil
    }
}
