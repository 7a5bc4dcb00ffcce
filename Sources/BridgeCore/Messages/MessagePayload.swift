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

/// Idempotency key helpers.
public enum IdempotencyKey {
    /// The longest key the envelope schema allows.
    public static let maxLength = 255

    /// `parts` joined with ':' as a valid key: bytes outside printable ASCII (and '%') are
    /// percent-encoded, and a key over 255 characters keeps its first 190 characters plus
    /// ':' and the SHA-256 of the whole, so it stays unique and stable.
    public static func make(_ parts: [String]) -> String {
        var key = ""
        for byte in parts.joined(separator: ":").utf8 {
            if byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "%") {
                key.unicodeScalars.append(UnicodeScalar(byte))
            } else {
                key += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        guard key.utf8.count > maxLength else { return key }
        return String(key.prefix(190)) + ":" + SHA256.hex(key)
    }
}
