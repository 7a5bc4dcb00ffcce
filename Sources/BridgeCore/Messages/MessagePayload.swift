import Foundation

/// The payload of one message type.
public protocol MessagePayload: Codable, Sendable, Hashable {
    /// The envelope `type` this payload travels under.
    static var messageType: MessageType { get }

    /// The idempotency key a new envelope gets unless the publisher gives one: it names the work,
    /// so the same work published twice is handled once. `messageId` is for payloads whose work is
    /// unique per request (manual actions).
    func defaultIdempotencyKey(messageId: UUID) -> String

    /// The tenant the envelope names, when the payload concerns one.
    var envelopeTenantId: String? { get }

    /// The PSA company the envelope names, when the payload concerns one.
    var envelopeCompanyId: String? { get }

    /// Rules a JSON Schema cannot express, with paths relative to the payload.
    func semanticProblems() -> [SchemaProblem]
}

extension MessagePayload {
    public var envelopeTenantId: String? { nil }
    public var envelopeCompanyId: String? { nil }
    public func semanticProblems() -> [SchemaProblem] { [] }
}
