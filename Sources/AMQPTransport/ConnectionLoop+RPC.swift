import CRabbitMQ
import Logging

// Synchronous AMQP methods on the connection thread: reply checking, channels, topology.

extension ConnectionLoop {
    /// Turns an RPC reply into success or an ``RPCError``, answering a `channel.close` or
    /// `connection.close` from the broker and updating the channel's owner.
    func check(_ reply: amqp_rpc_reply_t, channel: UInt16, _ what: @autoclosure () -> String) throws(RPCError) {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            switch reply.reply.id {
            case AMQP_CHANNEL_CLOSE_METHOD:
                let close = reply.reply.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
                let code = close.reply_code
                let text = close.reply_text.string
                try sendChannelCloseOk(channel)
                brokerClosedChannel(channel, code: code, text: text)
                throw .channel(code: code, text: text)
            case AMQP_CONNECTION_CLOSE_METHOD:
                let close = reply.reply.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
                let reason =
                    "the broker closed the connection during \(what()): \(close.reply_code) \(close.reply_text.string)"
                sendConnectionCloseOk()
                throw .connection(ConnectionFailure(reason: reason))
            default:
                throw .connection(ConnectionFailure(reason: "unexpected reply method \(reply.reply.id) to \(what())"))
            }
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            throw .connection(ConnectionFailure(reason: "\(what()): \(Self.statusText(reply.library_error))"))
        default:
            throw .connection(ConnectionFailure(reason: "\(what()): no reply"))
        }
    }

    /// Checks the reply of the last `amqp_*` call that returned a pointer.
    func checkLastReply(channel: UInt16, _ what: @autoclosure () -> String) throws(RPCError) {
        guard let connection else { throw .connection(ConnectionFailure(reason: "not connected")) }
        try check(amqp_get_rpc_reply(connection), channel: channel, what())
    }

    func sendChannelCloseOk(_ channel: UInt16) throws(RPCError) {
        guard let connection else { return }
        var ok = amqp_channel_close_ok_t(dummy: 0)
        let result = amqp_send_method(connection, channel, AMQP_CHANNEL_CLOSE_OK_METHOD, &ok)
        guard result == AMQP_STATUS_OK.rawValue else {
            throw .connection(ConnectionFailure(reason: "sending channel.close-ok: \(Self.statusText(result))"))
        }
    }

    func sendConnectionCloseOk() {
        guard let connection else { return }
        var ok = amqp_connection_close_ok_t(dummy: 0)
        _ = amqp_send_method(connection, 0, AMQP_CONNECTION_CLOSE_OK_METHOD, &ok)
    }

    func openChannel(_ channel: UInt16) throws(RPCError) {
        guard let connection else { throw .connection(ConnectionFailure(reason: "not connected")) }
        _ = amqp_channel_open(connection, channel)
        try checkLastReply(channel: channel, "channel.open \(channel)")
    }

    /// Closes a channel politely; a broker-side error on it is ignored.
    func closeChannel(_ channel: UInt16) throws(RPCError) {
        guard let connection else { return }
        let reply = amqp_channel_close(connection, channel, AMQP_REPLY_SUCCESS)
        do {
            try check(reply, channel: channel, "channel.close \(channel)")
        } catch {
            if case .connection = error { throw error }
        }
    }

    /// Updates the owner of a channel the broker closed (close-ok already sent).
    func brokerClosedChannel(_ channel: UInt16, code: UInt16, text: String) {
        logger.warning(
            "AMQP channel closed by the broker",
            metadata: ["channel": "\(channel)", "code": "\(code)", "text": "\(text)"])
        switch owners[channel] {
        case .control:
            controlChannelOpen = false
        case .get:
            getChannelOpen = false
            getGeneration = 0
            getUnsettled = []
        case .publisher(let id):
            if let slot = publishers[id] {
                publisherChannelGone(slot, error: .channelClosed(code: code, text: text))
                slot.reopenAt = .now
            }
        case .consumer(let id):
            if let slot = consumers[id] {
                consumerChannelGone(slot, reason: "channel closed by the broker: \(code) \(text)")
                if slot.phase == .starting {
                    let delay = configuration.reconnect.delay(attempt: slot.restartAttempt, using: &random)
                    slot.restartAt = .now + delay
                    slot.restartAttempt += 1
                }
            }
        case nil:
            break
        }
    }

    // MARK: - Control channel

    func ensureControlChannel() throws(RPCError) {
        if !controlChannelOpen {
            try openChannel(Self.controlChannel)
            controlChannelOpen = true
        }
    }

    /// Runs `body` on the control channel for an operation requested through the public API,
    /// mapping failures to ``AMQPError``. A connection failure is deferred to the loop.
    func controlOperation<T>(_ body: (UInt16) throws(RPCError) -> T) throws(AMQPError) -> T {
        guard isConnected else { throw closeRequest == nil && !isFinished ? .notConnected : .closed }
        do {
            try ensureControlChannel()
            return try body(Self.controlChannel)
        } catch {
            throw mapOperationError(error)
        }
    }

    func mapOperationError(_ error: RPCError) -> AMQPError {
        switch error {
        case .channel(let code, let text):
            return .channelClosed(code: code, text: text)
        case .connection(let failure):
            if deferredFailure == nil { deferredFailure = failure }
            return .connectionLost(failure.reason)
        }
    }

    var isFinished: Bool {
        if case .finished = phase { return true }
        return false
    }

    // MARK: - Topology

    func declareTopology(_ topology: AMQPTopology) throws(RPCError) {
        guard let connection else { throw .connection(ConnectionFailure(reason: "not connected")) }
        guard !topology.isEmpty else { return }
        try ensureControlChannel()
        let channel = Self.controlChannel
        for exchange in topology.exchanges {
            _ = amqp_exchange_declare(
                connection, channel, arena.bytes(exchange.name), arena.bytes(exchange.kind.rawValue), 0,
                exchange.durable ? 1 : 0, exchange.autoDelete ? 1 : 0, exchange.internal ? 1 : 0,
                arena.table(exchange.arguments))
            try checkLastReply(channel: channel, "exchange.declare '\(exchange.name)'")
        }
        for queue in topology.queues {
            _ = amqp_queue_declare(
                connection, channel, arena.bytes(queue.name), 0, queue.durable ? 1 : 0, queue.exclusive ? 1 : 0,
                queue.autoDelete ? 1 : 0, arena.table(queue.arguments))
            try checkLastReply(channel: channel, "queue.declare '\(queue.name)'")
        }
        for binding in topology.bindings {
            _ = amqp_queue_bind(
                connection, channel, arena.bytes(binding.queue), arena.bytes(binding.exchange),
                arena.bytes(binding.routingKey), arena.table(binding.arguments))
            try checkLastReply(
                channel: channel, "queue.bind '\(binding.queue)' to '\(binding.exchange)' with '\(binding.routingKey)'")
        }
        logger.debug(
            "AMQP topology declared",
            metadata: [
                "exchanges": "\(topology.exchanges.count)", "queues": "\(topology.queues.count)",
                "bindings": "\(topology.bindings.count)",
            ])
    }

    /// Adds `extra` to the topology re-declared on every reconnect and declares it now.
    func declare(_ extra: AMQPTopology) throws(AMQPError) {
        try controlOperation { _ throws(RPCError) in
            try declareTopology(extra)
        }
        topology = topology.merging(extra)
    }
}
