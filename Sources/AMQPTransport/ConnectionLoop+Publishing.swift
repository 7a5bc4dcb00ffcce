import CRabbitMQ
import Logging

// Publishers: confirm-mode channels, the send window, confirms and returns.

extension ConnectionLoop {
    func addPublisher(window: Int) -> Int {
        let id = nextSlotID
        nextSlotID += 1
        let channel = allocateChannel(for: .publisher(id))
        publishers[id] = PublisherSlot(id: id, channel: channel, window: window)
        return id
    }

    /// Opens the publisher's channel now if connected (errors other than connection loss are
    /// reported to the caller of ``AMQPConnection/makePublisher(window:)``).
    func openPublisherNow(_ id: Int) throws(AMQPError) {
        guard let slot = publishers[id], isConnected else { return }
        do {
            try openPublisherChannelRPC(slot)
        } catch {
            let mapped = mapOperationError(error)
            if case .channelClosed = mapped {
                publishers[id] = nil
                owners[slot.channel] = nil
                throw mapped
            }
        }
    }

    func enqueuePublish(_ pending: PendingPublish, publisher id: Int) {
        guard let slot = publishers[id], slot.closing == nil, closeRequest == nil, !isFinished else {
            pending.completion.complete(.failure(.closed))
            return
        }
        slot.pending.append(pending)
    }

    /// Sends queued publishes while each publisher's window allows. Returns whether it sent any.
    func flushPublishes() throws(ConnectionFailure) -> Bool {
        guard let connection else { return false }
        var sent = false
        for slot in publishers.values where slot.channelOpen && slot.hasPending {
            while slot.outstanding.count < slot.window, let pending = slot.popPending() {
                try publish(pending, on: slot, connection: connection)
                sent = true
            }
        }
        return sent
    }

    private func publish(_ pending: PendingPublish, on slot: PublisherSlot, connection: amqp_connection_state_t)
        throws(ConnectionFailure)
    {
        let message = pending.message
        var properties = amqp_basic_properties_t()
        var flags = amqp_flags_t(AMQP_BASIC_DELIVERY_MODE_FLAG)
        properties.delivery_mode = message.persistent ? 2 : 1
        if let contentType = message.contentType {
            flags |= amqp_flags_t(AMQP_BASIC_CONTENT_TYPE_FLAG)
            properties.content_type = arena.bytes(contentType)
        }
        if let messageId = message.messageId {
            flags |= amqp_flags_t(AMQP_BASIC_MESSAGE_ID_FLAG)
            properties.message_id = arena.bytes(messageId)
        }
        if let correlationId = message.correlationId {
            flags |= amqp_flags_t(AMQP_BASIC_CORRELATION_ID_FLAG)
            properties.correlation_id = arena.bytes(correlationId)
        }
        if let type = message.type {
            flags |= amqp_flags_t(AMQP_BASIC_TYPE_FLAG)
            properties.type = arena.bytes(type)
        }
        if let timestamp = message.timestamp {
            flags |= amqp_flags_t(AMQP_BASIC_TIMESTAMP_FLAG)
            properties.timestamp = UInt64(max(0, timestamp.timeIntervalSince1970.rounded(.down)))
        }
        if let expiration = message.expirationMilliseconds {
            flags |= amqp_flags_t(AMQP_BASIC_EXPIRATION_FLAG)
            properties.expiration = arena.bytes(String(max(0, expiration)))
        }
        if !message.headers.isEmpty {
            flags |= amqp_flags_t(AMQP_BASIC_HEADERS_FLAG)
            properties.headers = arena.table(message.headers)
        }
        properties._flags = flags
        let exchange = arena.bytes(message.exchange)
        let routingKey = arena.bytes(message.routingKey)
        let result = message.body.withUnsafeBytes { body in
            amqp_basic_publish(
                connection, slot.channel, exchange, routingKey, message.mandatory ? 1 : 0, 0, &properties,
                amqp_bytes_t(len: body.count, bytes: UnsafeMutableRawPointer(mutating: body.baseAddress)))
        }
        slot.outstanding.append(
            ConfirmWindow<PublishCompletion>.Entry(
                completion: pending.completion, exchange: message.exchange, routingKey: message.routingKey,
                messageId: message.messageId, returned: nil))
        guard result == AMQP_STATUS_OK.rawValue else {
            // The frames may be partly written; the connection cannot be trusted any more. The
            // message is outstanding, so the reconnect fails it retriably.
            throw ConnectionFailure(reason: "basic.publish failed: \(Self.statusText(result))")
        }
    }

    /// `basic.ack` / `basic.nack` from the broker on a publisher channel.
    func handleConfirm(channel: UInt16, tag: UInt64, multiple: Bool, nacked: Bool) {
        guard case .publisher(let id) = owners[channel], let slot = publishers[id] else { return }
        slot.outstanding.settle(tag: tag, multiple: multiple) { entry in
            if nacked {
                entry.completion.complete(.failure(.nacked))
            } else if let returned = entry.returned {
                entry.completion.complete(.failure(returned))
            } else {
                entry.completion.complete(.success(()))
            }
        }
    }

    /// `basic.return` (then its content) on a publisher channel: the ack that follows fails.
    func handleReturn(channel: UInt16, _ method: amqp_basic_return_t) throws(ConnectionFailure) {
        let code = method.reply_code
        let text = method.reply_text.string
        let exchange = method.exchange.string
        let routingKey = method.routing_key.string
        let content: AMQPDelivery
        do {
            content = try readContent(
                channel: channel, exchange: exchange, routingKey: routingKey, tag: 0, redelivered: false,
                consumerTag: "", generation: 0)
        } catch {
            if case .connection(let failure) = error { throw failure }
            return
        }
        guard case .publisher(let id) = owners[channel], let slot = publishers[id] else { return }
        let error = AMQPError.unroutable(replyCode: code, replyText: text, exchange: exchange, routingKey: routingKey)
        if !slot.outstanding.markReturned(
            exchange: exchange, routingKey: routingKey, messageId: content.messageId, error: error)
        {
            logger.warning(
                "basic.return matched no outstanding publish",
                metadata: [
                    "exchange": "\(exchange)", "routingKey": "\(routingKey)", "messageId": "\(content.messageId ?? "")",
                ])
        }
    }

    /// The publisher's channel is gone: every unconfirmed publish fails with `error`.
    func publisherChannelGone(_ slot: PublisherSlot, error: AMQPError) {
        slot.channelOpen = false
        slot.outstanding.removeAll { $0.completion.complete(.failure(error)) }
    }

    func openPublisherChannel(_ slot: PublisherSlot) throws(ConnectionFailure) {
        do {
            try openPublisherChannelRPC(slot)
        } catch {
            switch error {
            case .connection(let failure):
                throw failure
            case .channel(let code, let text):
                let delay = configuration.reconnect.delay(attempt: slot.reopenAttempt, using: &random)
                slot.reopenAttempt += 1
                slot.reopenAt = .now + delay
                logger.error("opening a publisher channel failed", metadata: ["code": "\(code)", "text": "\(text)"])
            }
        }
    }

    private func openPublisherChannelRPC(_ slot: PublisherSlot) throws(RPCError) {
        guard let connection else { throw .connection(ConnectionFailure(reason: "not connected")) }
        try openChannel(slot.channel)
        slot.channelOpen = true
        _ = amqp_confirm_select(connection, slot.channel)
        try checkLastReply(channel: slot.channel, "confirm.select")
        slot.reopenAt = nil
        slot.reopenAttempt = 0
    }

    /// Starts closing a publisher: no new publishes; done when all are confirmed or at `deadline`.
    func closePublisher(
        _ slot: PublisherSlot, deadline: ContinuousClock.Instant, waiter: CheckedContinuation<Void, Never>?
    ) {
        if var closing = slot.closing {
            if let waiter { closing.waiters.append(waiter) }
            closing.deadline = min(closing.deadline, deadline)
            slot.closing = closing
        } else {
            slot.closing = (deadline, waiter.map { [$0] } ?? [])
        }
        if connection == nil {
            try? completePublisherClose(slot)
        }
    }

    func completePublisherClose(_ slot: PublisherSlot) throws(ConnectionFailure) {
        for pending in slot.takeAllPending() { pending.completion.complete(.failure(.closed)) }
        let wasOpen = slot.channelOpen
        publisherChannelGone(slot, error: .closed)
        publishers[slot.id] = nil
        owners[slot.channel] = nil
        for waiter in slot.closing?.waiters ?? [] { waiter.resume() }
        if wasOpen && connection != nil {
            do {
                try closeChannel(slot.channel)
            } catch {
                if case .connection(let failure) = error { throw failure }
            }
        }
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
