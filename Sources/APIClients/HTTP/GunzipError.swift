/// Why a body could not be gunzipped (``Gunzip``).
public enum GunzipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is not a gzip file at all.
    case notGzip(String)
    /// The file ends before its member `member` (0-based) does.
    case truncated(member: Int)
    /// zlib refused member `member` (0-based): a corrupt stream, a CRC or length mismatch.
    case zlib(member: Int, String)
    /// Bytes that are no gzip member follow the last member, from this offset.
    case trailingData(offset: Int)
    /// The decompressed data would exceed this many bytes.
    case tooLarge(limit: Int)

    public var description: String {
        switch self {
        case .notGzip(let reason): return "not a gzip file: \(reason)"
        case .truncated(let member): return "gzip member \(member) is truncated"
        case .zlib(let member, let message): return "gzip member \(member) is corrupt: \(message)"
        case .trailingData(let offset): return "data that is no gzip member follows the last member, at byte \(offset)"
        case .tooLarge(let limit): return "the gzip file decompresses to more than \(limit) bytes"
        }
    }
}
