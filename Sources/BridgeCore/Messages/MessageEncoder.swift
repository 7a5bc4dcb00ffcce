import Foundation

/// Writes messages as the JSON the envelope schema describes (keys sorted, no escaped slashes).
public struct MessageEncoder: Sendable {
    public init() {}

    /// The JSON body of `envelope`.
    ///
    /// Never fails: every field is a string, integer, boolean or JSON value, and a non-finite
    /// number inside alert details (which JSON cannot express) is written as the string
    /// "Infinity", "-Infinity" or "NaN".
    public func encode<Payload: MessagePayload>(_ envelope: Envelope<Payload>) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        do {
            return try encoder.encode(envelope)
        } catch {
            // Unreachable: the encode(to:) implementations throw nothing and every float is
            // encodable under the strategy above. Failing loudly beats publishing a broken body.
            preconditionFailure("encoding a \(Payload.messageType.rawValue) envelope failed: \(error)")
        }
    }

    /// The JSON body of `message`.
    public func encode(_ message: Message) -> Data {
        switch message {
        case .syncTick(let envelope): encode(envelope)
        case .provisionCompany(let envelope): encode(envelope)
        case .usageTenant(let envelope): encode(envelope)
        case .ticketCommand(let envelope): encode(envelope)
        }
    }
}
