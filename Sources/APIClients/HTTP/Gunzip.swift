import CZlib
import Foundation

/// Decompresses a gzip file (RFC 1952) with zlib: what an Acronis usage report downloads as
/// (`GET /api/2/reports/{id}/stored/{stored_id}`, acronis-api.md 9.3).
///
/// Any valid gzip is read, whatever its deflate blocks (stored, fixed or dynamic Huffman), and
/// so are several members one after the other (`cat a.gz b.gz`), as `gzip -d` reads them. zlib
/// checks each member's CRC-32 and length. Trailing zero bytes after the last member (padding
/// some writers add) are ignored; anything else after it is an error.
public enum Gunzip {
    /// The gzip magic number, the first two bytes of every member.
    public static let magic: [UInt8] = [0x1F, 0x8B]

    /// Whether `data` starts like a gzip file.
    public static func isGzip(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == magic[0] && data[data.startIndex + 1] == magic[1]
    }

    /// The decompressed bytes of `data`.
    /// - Parameter limit: the most bytes the result may have (a guard against a file that
    ///   decompresses to far more than a report can be); 1 GiB by default.
    /// - Throws: ``GunzipError`` naming what is wrong.
    public static func decompress(_ data: Data, limit: Int = 1 << 30) throws(GunzipError) -> Data {
        guard !data.isEmpty else { throw .notGzip("the body is empty") }
        guard isGzip(data) else { throw .notGzip("it does not start with the gzip magic number 1f 8b") }
        let input = [UInt8](data)
        var output = Data()
        var offset = 0
        var member = 0
        while offset < input.count {
            if member > 0 {
                if input[offset...].allSatisfy({ $0 == 0 }) { break }
                guard input.count - offset >= 2, input[offset] == magic[0], input[offset + 1] == magic[1] else {
                    throw .trailingData(offset: offset)
                }
            }
            offset += try inflateMember(input, from: offset, into: &output, limit: limit, member: member)
            member += 1
        }
        return output
    }

    /// Inflates the member starting at `start`, appending to `output`; returns the bytes it took.
    private static func inflateMember(
        _ input: [UInt8], from start: Int, into output: inout Data, limit: Int, member: Int
    ) throws(GunzipError) -> Int {
        var stream = z_stream()
        // 16 + 15: a gzip wrapper (not zlib, not raw deflate) and the largest window.
        guard psa_inflate_init2(&stream, 16 + MAX_WBITS) == Z_OK else { throw .zlib(member: member, "inflateInit2 failed") }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let result: Result<Int, GunzipError> = input.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + start)
            stream.avail_in = uInt(source.count - start)
            while true {
                var status: Int32 = Z_OK
                let produced = chunk.withUnsafeMutableBufferPointer { buffer -> Int in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(buffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return buffer.count - Int(stream.avail_out)
                }
                if produced > 0 {
                    guard output.count + produced <= limit else { return .failure(.tooLarge(limit: limit)) }
                    output.append(contentsOf: chunk[0..<produced])
                }
                switch status {
                case Z_STREAM_END:
                    return .success(source.count - start - Int(stream.avail_in))
                case Z_OK:
                    continue
                case Z_BUF_ERROR where stream.avail_in == 0:
                    return .failure(.truncated(member: member))
                case Z_BUF_ERROR:
                    continue
                default:
                    let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    return .failure(.zlib(member: member, message))
                }
            }
        }
        return try result.get()
    }
}
