import BridgeCore

extension OutboundMessage {
    /// The AMQP message for a fleet message: ticks go to `bridge.ticks`, everything else to
    /// `bridge.work` with the message type as routing key.
    public init(_ message: Message) {
        let exchange = message.type == .syncTick ? FleetTopology.ticksExchange : FleetTopology.workExchange
        self.init(
            exchange: exchange, routingKey: message.type.rawValue,
            messageId: message.messageId.uuidString.lowercased(),
            headers: [BridgeHeaders.attempt: .int(message.attempt)],
            body: Array(MessageEncoder().encode(message)))
    }
}
