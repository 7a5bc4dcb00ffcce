import Crypto

/// SHA-256 hex digests, for stable short forms of long keys (swift-crypto).
enum Digest {
    /// The lowercase hex SHA-256 digest of the UTF-8 bytes of `text`.
    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
