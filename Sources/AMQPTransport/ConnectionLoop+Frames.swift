import CRabbitMQ
import Logging

// Dispatch of incoming frames that no synchronous call was waiting for.

extension ConnectionLoop {
    func handle(_ frame: amqp_frame_t) throws(ConnectionFailure) {
        guard frame.frame_type == UInt8(AMQP_FRAME_METHOD) else {
            // Content frames are read together with their method; a stray one means the stream
            // is out of step.
            throw ConnectionFailure(reason: "unexpected frame type \(frame.frame_type) on channel \(frame.channel)")
        }
        let channel = frame.channel
        let method = frame.payload.method
        let decoded = method.decoded
        switch method.id {
        case AMQP_BASIC_DELIVER_METHOD:
            try handleDeliver(channel: channel, decoded!.assumingMemoryBound(to: amqp_basic_deliver_t.self).pointee)
        case AMQP_BASIC_ACK_METHOD:
            let ack = decoded!.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
            handleConfirm(channel: channel, tag: ack.delivery_tag, multiple: ack.multiple != 0, nacked: false)
        case AMQP_BASIC_NACK_METHOD:
            let nack = decoded!.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
            handleConfirm(channel: channel, tag: nack.delivery_tag, multiple: nack.multiple != 0, nacked: true)
        case AMQP_BASIC_RETURN_METHOD:
            try handleReturn(channel: channel, decoded!.assumingMemoryBound(to: amqp_basic_return_t.self).pointee)
        case AMQP_BASIC_CANCEL_METHOD:
            try handleBrokerCancel(channel: channel, decoded!.assumingMemoryBound(to: amqp_basic_cancel_t.self).pointee)
        case AMQP_CHANNEL_CLOSE_METHOD:
            let close = decoded!.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
            let code = close.reply_code
            let text = close.reply_text.string
            do {
                try sendChannelCloseOk(channel)
            } catch {
                if case .connection(let failure) = error { throw failure }
            }
            brokerClosedChannel(channel, code: code, text: text)
        case AMQP_CONNECTION_CLOSE_METHOD:
            let close = decoded!.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            let reason = "the broker closed the connection: \(close.reply_code) \(close.reply_text.string)"
            sendConnectionCloseOk()
            throw ConnectionFailure(reason: reason)
        case AMQP_CONNECTION_BLOCKED_METHOD:
            let blocked = decoded!.assumingMemoryBound(to: amqp_connection_blocked_t.self).pointee
            logger.warning("AMQP connection blocked by the broker", metadata: ["reason": "\(blocked.reason.string)"])
            status.update { $0.blocked = true }
        case AMQP_CONNECTION_UNBLOCKED_METHOD:
            logger.info("AMQP connection unblocked")
            status.update { $0.blocked = false }
        case AMQP_BASIC_CANCEL_OK_METHOD, AMQP_CHANNEL_CLOSE_OK_METHOD:
            break  // Late replies to our own calls.
        default:
            logger.debug("ignoring an AMQP method", metadata: ["method": "\(method.id)", "channel": "\(channel)"])
        }
    }
}
