import Crypto
import Foundation

/// SHA-256 hex digests (swift-crypto): of applied settings documents, of console session tokens.
public enum Digest {
    /// The lowercase hex SHA-256 digest of `data`.
    public static func sha256Hex(of data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
