import Crypto
import Foundation

/// SHA-256 hex digests, for the digest of applied settings documents (swift-crypto).
enum Digest {
    /// The lowercase hex SHA-256 digest of `data`.
    static func sha256Hex(of data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
