import CRabbitMQ

// Operator operations (status, purge, delete, basic.get) on the connection thread.

extension ConnectionLoop {
    func queueStatus(_ name: String) throws(AMQPError) -> AMQPQueueStatus {
        try controlOperation { channel throws(RPCError) in
            let ok = amqp_queue_declare(connection, channel, arena.bytes(name), 1, 0, 0, 0, amqp_empty_table)
            try checkLastReply(channel: channel, "queue.declare(passive) '\(name)'")
            guard let ok else { throw .connection(ConnectionFailure(reason: "queue.declare-ok missing")) }
            return AMQPQueueStatus(
                name: ok.pointee.queue.string, messageCount: ok.pointee.message_count,
                consumerCount: ok.pointee.consumer_count)
        }
    }

    func purgeQueue(_ name: String) throws(AMQPError) -> UInt32 {
        try controlOperation { channel throws(RPCError) in
            let ok = amqp_queue_purge(connection, channel, arena.bytes(name))
            try checkLastReply(channel: channel, "queue.purge '\(name)'")
            return ok?.pointee.message_count ?? 0
        }
    }

    func deleteQueue(_ name: String, ifUnused: Bool, ifEmpty: Bool) throws(AMQPError) -> UInt32 {
        try controlOperation { channel throws(RPCError) in
            let ok = amqp_queue_delete(connection, channel, arena.bytes(name), ifUnused ? 1 : 0, ifEmpty ? 1 : 0)
            try checkLastReply(channel: channel, "queue.delete '\(name)'")
            return ok?.pointee.message_count ?? 0
        }
    }

    func deleteExchange(_ name: String, ifUnused: Bool) throws(AMQPError) {
        try controlOperation { channel throws(RPCError) in
            _ = amqp_exchange_delete(connection, channel, arena.bytes(name), ifUnused ? 1 : 0)
            try checkLastReply(channel: channel, "exchange.delete '\(name)'")
        }
    }

    /// `basic.get` without auto-ack on the dedicated get channel.
    func basicGet(_ queue: String) throws(AMQPError) -> AMQPDelivery? {
        guard isConnected, let connection else { throw isFinished ? .closed : .notConnected }
        let channel = Self.getChannel
        do throws(RPCError) {
            if !getChannelOpen {
                try openChannel(channel)
                getChannelOpen = true
                getGeneration = nextGeneration()
                getUnsettled = []
            }
            let reply = amqp_basic_get(connection, channel, arena.bytes(queue), 0)
            try check(reply, channel: channel, "basic.get '\(queue)'")
            if reply.reply.id == AMQP_BASIC_GET_EMPTY_METHOD { return nil }
            let ok = reply.reply.decoded.assumingMemoryBound(to: amqp_basic_get_ok_t.self).pointee
            let tag = ok.delivery_tag
            let redelivered = ok.redelivered != 0
            let exchange = ok.exchange.string
            let routingKey = ok.routing_key.string
            let remaining = ok.message_count
            var delivery = try readContent(
                channel: channel, exchange: exchange, routingKey: routingKey, tag: tag, redelivered: redelivered,
                consumerTag: "", generation: getGeneration)
            delivery.remainingMessageCount = remaining
            getUnsettled.insert(tag)
            return delivery
        } catch {
            throw mapOperationError(error)
        }
    }

    /// Settles a `basic.get` delivery. Throws ``AMQPError/staleDelivery(deliveryTag:)`` when its
    /// channel has closed since (the broker has requeued it).
    func settleGet(_ delivery: AMQPDelivery, _ settlement: Settlement) throws(AMQPError) {
        guard isConnected, let connection, getChannelOpen, delivery.generation == getGeneration,
            getUnsettled.remove(delivery.deliveryTag) != nil
        else {
            throw .staleDelivery(deliveryTag: delivery.deliveryTag)
        }
        let result = send(
            settlement, tag: delivery.deliveryTag, multiple: false, channel: Self.getChannel, on: connection)
        guard result == AMQP_STATUS_OK.rawValue else {
            let failure = ConnectionFailure(reason: "sending basic.ack/nack: \(Self.statusText(result))")
            if deferredFailure == nil { deferredFailure = failure }
            throw .connectionLost(failure.reason)
        }
    }

    func send(
        _ settlement: Settlement, tag: UInt64, multiple: Bool, channel: UInt16, on connection: amqp_connection_state_t
    ) -> Int32 {
        switch settlement {
        case .ack: return amqp_basic_ack(connection, channel, tag, multiple ? 1 : 0)
        case .nack(let requeue): return amqp_basic_nack(connection, channel, tag, multiple ? 1 : 0, requeue ? 1 : 0)
        case .reject(let requeue): return amqp_basic_reject(connection, channel, tag, requeue ? 1 : 0)
        }
    }

    /// Reads the header and body frames that follow `basic.deliver`, `basic.get-ok` or
    /// `basic.return`, and copies the message out.
    func readContent(
        channel: UInt16, exchange: String, routingKey: String, tag: UInt64, redelivered: Bool, consumerTag: String,
        generation: UInt64
    ) throws(RPCError) -> AMQPDelivery {
        guard let connection else { throw .connection(ConnectionFailure(reason: "not connected")) }
        var message = amqp_message_t()
        let reply = amqp_read_message(connection, channel, &message, 0)
        guard reply.reply_type == AMQP_RESPONSE_NORMAL else {
            throw .connection(
                ConnectionFailure(reason: "reading message content: \(Self.statusText(reply.library_error))"))
        }
        defer { amqp_destroy_message(&message) }
        let properties = message.properties
        let flags = properties._flags
        func has(_ flag: Int32) -> Bool { flags & amqp_flags_t(flag) != 0 }
        return AMQPDelivery(
            body: message.body.array,
            exchange: exchange,
            routingKey: routingKey,
            messageId: has(AMQP_BASIC_MESSAGE_ID_FLAG) ? properties.message_id.string : nil,
            contentType: has(AMQP_BASIC_CONTENT_TYPE_FLAG) ? properties.content_type.string : nil,
            correlationId: has(AMQP_BASIC_CORRELATION_ID_FLAG) ? properties.correlation_id.string : nil,
            type: has(AMQP_BASIC_TYPE_FLAG) ? properties.type.string : nil,
            timestamp: has(AMQP_BASIC_TIMESTAMP_FLAG)
                ? Date(timeIntervalSince1970: TimeInterval(properties.timestamp)) : nil,
            expiration: has(AMQP_BASIC_EXPIRATION_FLAG) ? properties.expiration.string : nil,
            headers: has(AMQP_BASIC_HEADERS_FLAG) ? AMQPTable(properties.headers) : [:],
            deliveryMode: has(AMQP_BASIC_DELIVERY_MODE_FLAG) ? properties.delivery_mode : nil,
            redelivered: redelivered,
            deliveryTag: tag,
            generation: generation,
            consumerTag: consumerTag,
            remainingMessageCount: nil)
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
