import Foundation

/// Writes messages as the JSON the envelope schema describes (keys sorted, no escaped slashes).
public struct MessageEncoder: Sendable {
    public init() {}

    /// The JSON body of `envelope`. Fails only if the payload holds something JSON cannot express
    /// (a non-finite number in alert details).
    public func encode<Payload: MessagePayload>(_ envelope: Envelope<Payload>) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(envelope)
    }

    /// The JSON body of `message`.
    public func encode(_ message: Message) throws -> Data {
        switch message {
        case .syncTick(let envelope): try encode(envelope)
        case .provisionCompany(let envelope): try encode(envelope)
        case .usageTenant(let envelope): try encode(envelope)
        case .ticketCommand(let envelope): try encode(envelope)
        }
    }
}
