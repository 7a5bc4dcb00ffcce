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
        return String(key.prefix(190)) + ":" + Digest.sha256Hex(key)
    }
}
