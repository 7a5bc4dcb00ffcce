import Foundation

/// A message: the envelope every queue message has, with a typed payload.
///
/// Wire form (JSON, keys sorted): `type`, `schemaVersion`, `messageId` (lower-case UUID),
/// `idempotencyKey`, `tenantId`/`companyId` when the payload has them, `occurredAt` (RFC 3339
/// UTC), `attempt` (1-based), `payload`. `schemas/envelope.schema.json` describes it.
public struct Envelope<Payload: MessagePayload>: Sendable, Hashable, Codable {
    /// The only envelope version there is; a consumer refuses any other.
    public static var currentSchemaVersion: Int { 1 }

    /// The message type, fixed by the payload type.
    public var type: MessageType { Payload.messageType }
    public var schemaVersion: Int
    /// Unique per publication; kept when the message is retried.
    public var messageId: UUID
    /// Names the work, so the same work is handled once (see `MessagePayload.defaultIdempotencyKey`).
    public var idempotencyKey: String
    public var tenantId: String?
    public var companyId: String?
    /// When the message was created (millisecond precision).
    public var occurredAt: Date
    /// 1 for the first attempt; raised on each retry.
    public var attempt: Int
    public var payload: Payload

    /// A new envelope for `payload`. The idempotency key defaults to the payload's, the tenant and
    /// company ids are the payload's.
    public init(
        payload: Payload, messageId: UUID = UUID(), idempotencyKey: String? = nil, occurredAt: Date = Date(),
        attempt: Int = 1
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.messageId = messageId
        self.idempotencyKey = idempotencyKey ?? payload.defaultIdempotencyKey(messageId: messageId)
        self.tenantId = payload.envelopeTenantId
        self.companyId = payload.envelopeCompanyId
        self.occurredAt = occurredAt.roundedToMilliseconds
        self.attempt = attempt
        self.payload = payload
    }

    /// The same message for another attempt.
    public func withAttempt(_ attempt: Int) -> Envelope {
        var copy = self
        copy.attempt = attempt
        return copy
    }

    private enum CodingKeys: String, CodingKey {
        case type, schemaVersion, messageId, idempotencyKey, tenantId, companyId, occurredAt, attempt, payload
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(MessageType.self, forKey: .type)
        guard type == Payload.messageType else {
            throw DecodingError.dataCorruptedError(
                forKey: .type, in: container,
                debugDescription: "type is \(type.rawValue), expected \(Payload.messageType.rawValue)")
        }
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        let messageIdText = try container.decode(String.self, forKey: .messageId)
        guard let messageId = UUID(uuidString: messageIdText) else {
            throw DecodingError.dataCorruptedError(forKey: .messageId, in: container, debugDescription: "not a UUID")
        }
        self.messageId = messageId
        idempotencyKey = try container.decode(String.self, forKey: .idempotencyKey)
        tenantId = try container.decodeIfPresent(String.self, forKey: .tenantId)
        companyId = try container.decodeIfPresent(String.self, forKey: .companyId)
        occurredAt = try container.decodeTimestamp(forKey: .occurredAt)
        attempt = try container.decode(Int.self, forKey: .attempt)
        payload = try container.decode(Payload.self, forKey: .payload)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(messageId.uuidString.lowercased(), forKey: .messageId)
        try container.encode(idempotencyKey, forKey: .idempotencyKey)
        try container.encodeIfPresent(tenantId, forKey: .tenantId)
        try container.encodeIfPresent(companyId, forKey: .companyId)
        try container.encodeTimestamp(occurredAt, forKey: .occurredAt)
        try container.encode(attempt, forKey: .attempt)
        try container.encode(payload, forKey: .payload)
    }
}
